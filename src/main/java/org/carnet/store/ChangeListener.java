package org.carnet.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, hears at once what any node or the CLI changed: it LISTENs on carnet_changes (filled by the
 * triggers of V8_1) on a connection of its own, outside the pool, and hands each batch of notifications to the
 * handler: {@link #LOG_GREW} when the change log grew, {@link #BLOGS_RENAMED} when a blog was renamed, given another host name
 * or deleted. Notifications can be missed (the connection drops, the database restarts): after every
 * (re)connection the handler gets both kinds anyway, and it catches up from the database, never from a
 * notification's content.
 */
public final class ChangeListener implements AutoCloseable {

    public static final String CHANNEL = "carnet_changes";
    /** What a batch of notifications said. */
    public static final String LOG_GREW = "log";
    public static final String BLOGS_RENAMED = "blogs";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final int PROBE_MILLIS = 30_000;

    private final String jdbcUrl;
    private final Consumer<Set<String>> onChange;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile boolean listening;

    private ChangeListener(String jdbcUrl, Consumer<Set<String>> onChange) {
        this.jdbcUrl = jdbcUrl;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "carnet-listen");
        thread.setDaemon(true);
    }

    /** Starts listening (PostgreSQL only; on SQLite there is nothing to listen to and this returns null). */
    public static ChangeListener start(String jdbcUrl, Consumer<Set<String>> onChange) {
        if (Dialect.of(jdbcUrl) != Dialect.POSTGRESQL) {
            return null;
        }
        ChangeListener listener = new ChangeListener(jdbcUrl, onChange);
        listener.thread.start();
        return listener;
    }

    /** True once LISTEN is in place (and until the connection is lost). */
    public boolean isListening() {
        return listening;
    }

    private void run() {
        long backoff = 250;
        while (running) {
            java.util.Properties props = new java.util.Properties();
            // A connection silently cut (a NAT, a failover) is noticed by the probe below, and by the kernel.
            props.setProperty("tcpKeepAlive", "true");
            try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                backoff = 250;
                // Whatever happened while this node was not listening is in the database: catch up now.
                safely(Set.of(LOG_GREW, BLOGS_RENAMED));
                PGConnection pg = c.unwrap(PGConnection.class);
                long quiet = 0;
                while (running) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received == null || received.length == 0) {
                        // A dead connection can look like a quiet one: ask it something now and then.
                        if (++quiet * WAIT_MILLIS >= PROBE_MILLIS) {
                            quiet = 0;
                            try (Statement probe = c.createStatement()) {
                                probe.setQueryTimeout(10);
                                probe.execute("SELECT 1");
                            }
                        }
                        continue;
                    }
                    quiet = 0;
                    // One catch-up answers any number of notifications.
                    Set<String> kinds = new HashSet<>();
                    for (PGNotification n : received) {
                        kinds.add(LOG_GREW.equals(n.getParameter()) ? LOG_GREW : BLOGS_RENAMED);
                    }
                    safely(kinds);
                }
            } catch (SQLException e) {
                listening = false;
                if (running) {
                    LOG.warn("not listening to database changes ({}); retrying in {} ms (changes are caught up "
                            + "from the log meanwhile)", e.getMessage(), backoff);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 10_000);
                }
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void safely(Set<String> kinds) {
        try {
            onChange.accept(kinds);
        } catch (RuntimeException e) {
            LOG.warn("a change listener failed; it will catch up later: {}", e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
