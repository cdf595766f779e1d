package org.carnet.app;

import org.carnet.testkit.CarnetExtension;
import org.carnet.testkit.Tier;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FreshnessAcrossNodesTest on PostgreSQL (this node also LISTENs; pages are fresh by the content version alone). */
@Tier.Postgres
class FreshnessAcrossNodesOnPostgresTest extends FreshnessAcrossNodesTest {

    @RegisterExtension
    static final CarnetExtension carnet = CarnetExtension.postgres();

    @Override
    CarnetExtension carnet() {
        return carnet;
    }
}
