package org.carnet.app;

import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FreshnessAcrossNodesTest on SQLite: two pools over one file, no notification at all between them. */
class FreshnessAcrossNodesOnSqliteTest extends FreshnessAcrossNodesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.sqlite();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
