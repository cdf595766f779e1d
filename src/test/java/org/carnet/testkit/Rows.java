package org.carnet.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Plain-SQL views of a database for tests: row counts, and a snapshot of every table's contents, so a test
 * can show that a refused command "changed nothing" without knowing which rows it might have touched.
 */
public final class Rows {

    /** Every table of the foundation schema (V1). */
    public static final List<String> TABLES = List.of("app_user", "user_session", "instance_setting", "rate_limit",
            "blog", "blog_member", "invitation", "post");

    private Rows() {
    }

    public static long count(Jdbi jdbi, String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    public static long countAll(Jdbi jdbi, String table) {
        return count(jdbi, "SELECT COUNT(*) FROM " + table);
    }

    /** table -> its rows (each row as column=value text), sorted so that the order of rows does not matter. */
    public static Map<String, List<String>> snapshot(Jdbi jdbi) {
        return snapshot(jdbi, TABLES.toArray(String[]::new));
    }

    /** The same, for the named tables only. */
    public static Map<String, List<String>> snapshot(Jdbi jdbi, String... tables) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                for (Map<String, Object> row : h.createQuery("SELECT * FROM " + table).mapToMap().list()) {
                    rows.add(new java.util.TreeMap<>(row).toString());
                }
                rows.sort(null);
                all.put(table, rows);
            }
        });
        return all;
    }
}
