package org.carnet.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases for tests: a new SQLite file, or a new database in one embedded PostgreSQL (real
 * PostgreSQL binaries from Maven, started once per test JVM).
 */
public final class TestDatabases {

    public enum Kind { SQLITE, POSTGRESQL }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static String fresh(Kind kind) {
        return kind == Kind.SQLITE ? freshSqlite() : freshPostgres();
    }

    public static String freshSqlite() {
        try {
            Path dir = Files.createTempDirectory("carnet-test-");
            return "jdbc:sqlite:" + dir.resolve("carnet.db");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized String freshPostgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is ending anyway
                    }
                }));
            }
            String name = "carnet_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
