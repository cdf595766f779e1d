package org.carnet.transfer;

import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/** See {@link ImportBesideWritersTest}, on SQLite. */
@Isolated("it runs an import beside writers and counts what they went through")
class ImportBesideWritersOnSqliteTest extends ImportBesideWritersTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
