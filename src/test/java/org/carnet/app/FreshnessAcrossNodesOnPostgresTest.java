package org.carnet.app;

import org.carnet.testkit.CarnetExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FreshnessAcrossNodesTest on PostgreSQL (this node also LISTENs; pages are fresh by the content version alone). */
class FreshnessAcrossNodesOnPostgresTest extends FreshnessAcrossNodesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
