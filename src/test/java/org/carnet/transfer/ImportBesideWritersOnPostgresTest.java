package org.carnet.transfer;

import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** See {@link ImportBesideWritersTest}, on PostgreSQL. */
class ImportBesideWritersOnPostgresTest extends ImportBesideWritersTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
