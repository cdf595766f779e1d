package org.carnet.trash;

import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TrashRoundTripTest on SQLite. */
class TrashRoundTripOnSqliteTest extends TrashRoundTripTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
