package org.carnet.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, hears at once what any node or the CLI changed: it LISTENs on carnet_changes (filled by the
 * triggers of V8_1) on a connection of its own, outside the pool, and runs onChange for every notification.
 * Notifications can be missed (the connection drops, the database restarts): after every (re)connection onChange
 * runs once anyway, and the callers' state is built so that running it catches up from the database's change
 * log, never from the notification's content.
 */
public final class ChangeListener implements AutoCloseable {

    public static final String CHANNEL = "carnet_changes";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int WAIT_MILLIS = 500;

    private final String jdbcUrl;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile boolean listening;

    private ChangeListener(String jdbcUrl, Runnable onChange) {
        this.jdbcUrl = jdbcUrl;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "carnet-listen");
        thread.setDaemon(true);
    }

    /** Starts listening (PostgreSQL only; on SQLite there is nothing to listen to and this returns null). */
    public static ChangeListener start(String jdbcUrl, Runnable onChange) {
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
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                backoff = 250;
                // Whatever happened while this node was not listening is in the log: catch up now.
                safely();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        // One catch-up answers any number of notifications.
                        safely();
                    }
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

    private void safely() {
        try {
            onChange.run();
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
