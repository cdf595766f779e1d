package org.carnet.app;

import java.nio.file.Path;
import org.carnet.media.MediaSettings;
import org.carnet.notify.MailSettings;

/**
 * How an instance runs. Built by the CLI from options, CARNET_* environment variables and the config file
 * (in that order of precedence; see cli/ConfigDefaults).
 *
 * @param port       HTTP port (0 picks a free one, for tests)
 * @param dataDir    where the SQLite file (and later the search index) live
 * @param dbUrl      JDBC URL; null means the SQLite file in dataDir
 * @param baseUrl    the public URL of the instance, for links in messages; null means "from the request"
 * @param trustProxy read the client address and scheme from X-Forwarded-* (only behind a proxy you run)
 * @param poolSize   database connections of this node
 * @param mail       the SMTP server for notification emails (none: notifications stay in the app)
 * @param media      where images are kept: under the data directory, or an S3-compatible bucket (several nodes)
 */
public record Config(int port, Path dataDir, String dbUrl, String baseUrl, boolean trustProxy, int poolSize,
                     MailSettings mail, MediaSettings media) {

    public Config(int port, Path dataDir, String dbUrl, String baseUrl, boolean trustProxy, int poolSize,
                  MailSettings mail) {
        this(port, dataDir, dbUrl, baseUrl, trustProxy, poolSize, mail, MediaSettings.local());
    }

    public Config(int port, Path dataDir, String dbUrl, String baseUrl, boolean trustProxy, int poolSize) {
        this(port, dataDir, dbUrl, baseUrl, trustProxy, poolSize, MailSettings.none());
    }

    public Config {
        if (mail == null) {
            mail = MailSettings.none();
        }
        if (media == null) {
            media = MediaSettings.local();
        }
        if (baseUrl != null && baseUrl.isBlank()) {
            baseUrl = null;
        }
        if (baseUrl != null && baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (dbUrl != null && dbUrl.isBlank()) {
            dbUrl = null;
        }
    }

    /** The JDBC URL actually used: the given one, or data/carnet.db. */
    public String jdbcUrl() {
        return dbUrl != null ? dbUrl : "jdbc:sqlite:" + dataDir.resolve("carnet.db").toAbsolutePath();
    }

    public boolean secureCookies() {
        return baseUrl != null && baseUrl.startsWith("https://");
    }
}
