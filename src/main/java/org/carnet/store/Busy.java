package org.carnet.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a failure that only means "the database could not be had in time" (SQLite's write lock held past the busy
 * timeout, no pooled connection free, a PostgreSQL lock timeout) from a real fault: the first is answered "busy, try
 * again" (503), never as an error of ours.
 */
public final class Busy {

    private Busy() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException e) {
                int primary = e.getResultCode().code & 0xff;
                if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                    return true;
                }
            } else if (t instanceof SQLTransientConnectionException) {
                return true;
            } else if (t instanceof SQLException e && "55P03".equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
