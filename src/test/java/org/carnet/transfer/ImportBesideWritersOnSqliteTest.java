package org.carnet.transfer;

import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** See {@link ImportBesideWritersTest}, on SQLite. */
class ImportBesideWritersOnSqliteTest extends ImportBesideWritersTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
