package org.carnet.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.carnet.app.Services;
import org.carnet.store.Database;
import org.carnet.testkit.TestDatabases;
import org.carnet.testkit.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When an import's staging row takes a blog's place (ImportStore.adopt), everything that belongs to the blog must
 * move with it, or deleting the old row would take it away (foreign keys cascade). Every table with a foreign key to
 * blog is in ImportStore's CONTENT or DEPENDENTS: a new table that is in neither fails here.
 */
@Tier.Postgres
class StagingContractTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabases.Kind.class)
    void everyTableThatBelongsToABlogMovesWithIt(TestDatabases.Kind kind) {
        try (Services s = new Services(Database.open(TestDatabases.fresh(kind), 2), Clock.systemUTC())) {
            String sql = kind == TestDatabases.Kind.SQLITE
                    ? "SELECT DISTINCT m.name FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f "
                            + "WHERE m.type = 'table' AND f.\"table\" = 'blog'"
                    : "SELECT DISTINCT tc.table_name FROM information_schema.table_constraints tc "
                            + "JOIN information_schema.constraint_column_usage u ON u.constraint_name = tc.constraint_name "
                            + "WHERE tc.constraint_type = 'FOREIGN KEY' AND u.table_name = 'blog'";
            List<String> referencing = s.db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
            List<String> moved = new ArrayList<>(ImportStore.CONTENT);
            moved.addAll(ImportStore.DEPENDENTS);
            assertThat(referencing).containsExactlyInAnyOrderElementsOf(moved);
        }
    }
}
