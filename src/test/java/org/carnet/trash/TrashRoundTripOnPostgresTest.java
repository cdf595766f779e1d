package org.carnet.trash;

import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TrashRoundTripTest on PostgreSQL: explicit ids into identity columns, booleans and nulls put back as they were. */
@Tier.Postgres
class TrashRoundTripOnPostgresTest extends TrashRoundTripTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
