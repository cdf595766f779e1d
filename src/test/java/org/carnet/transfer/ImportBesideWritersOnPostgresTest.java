package org.carnet.transfer;

import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/** See {@link ImportBesideWritersTest}, on PostgreSQL. */
@Tier.Postgres
@Isolated("it runs an import beside writers and counts what they went through")
class ImportBesideWritersOnPostgresTest extends ImportBesideWritersTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
