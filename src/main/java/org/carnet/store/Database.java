package org.carnet.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.sqlite.SQLiteConfig;

/**
 * The one database of an instance: a pooled DataSource, migrated by Flyway, used through JDBI.
 * Instants are stored as epoch milliseconds (BIGINT) so that both dialects store and compare times the same
 * way, always UTC.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new InstantAsEpochMillis());
        // Carnet's records map from columns by name (snake_case columns to camelCase components).
        // One mapper per record type, kept: it remembers how each query's columns map (see RecordMapper).
        var recordMappers = new java.util.concurrent.ConcurrentHashMap<Class<?>, RecordMapper<?>>();
        jdbi.registerRowMapper((RowMapperFactory) (type, config) -> {
            Class<?> raw = GenericTypes.getErasedType(type);
            return raw.isRecord() && raw.getName().startsWith("org.carnet.")
                    ? Optional.of(recordMappers.computeIfAbsent(raw, RecordMapper::new)) : Optional.empty();
        });
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
            long millis = rs.getLong(col);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    /** Opens (creating if needed) and migrates the database at jdbcUrl. */
    public static Database open(String jdbcUrl, int poolSize) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("carnet");
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(jdbcUrl);
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.enforceForeignKeys(true);
            sc.setBusyTimeout(10_000);
            // Every transaction takes the write lock when it begins: two deferred transactions that both
            // upgrade to writing would otherwise fail at once with SQLITE_BUSY instead of waiting their turn.
            sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            hc.setDataSourceProperties(sc.toProperties());
            hc.setMaximumPoolSize(Math.max(2, poolSize));
        } else {
            hc.setMaximumPoolSize(poolSize);
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            if (isCurrent(ds, dialect)) {
                // Nothing to migrate: Flyway's start (scanning the jar, parsing every script) would cost a third of
                // a start for nothing. Whenever a migration is pending, Flyway runs and validates as always.
                return new Database(ds, dialect);
            }
            Flyway.configure()
                    .dataSource(ds)
                    // Shared migrations, plus the few that only one dialect has (PostgreSQL's change notifications).
                    .locations("classpath:db/migration", "classpath:db/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                    .placeholders(dialect.placeholders)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect);
    }

    /** The newest migration of each dialect (StoreContractTest checks them against the scripts). */
    static String latestMigration(Dialect dialect) {
        return "14";
    }

    /** True when the database has applied exactly the migrations up to the newest one, all successfully. */
    private static boolean isCurrent(HikariDataSource ds, Dialect dialect) {
        try (var c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT version, success FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL ORDER BY installed_rank DESC")) {
            boolean first = true;
            boolean current = false;
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                if (first) {
                    current = latestMigration(dialect).equals(rs.getString(1));
                    first = false;
                }
            }
            return current;
        } catch (java.sql.SQLException e) {
            return false;    // no history yet: a new database
        }
    }

    private static void createParentDirectory(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) {
            file = file.substring(0, q);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + parent + ": " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** True when a trivial query answers: what /healthz reports. */
    public boolean isHealthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static final class InstantAsEpochMillis extends AbstractArgumentFactory<Instant> {
        InstantAsEpochMillis() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
