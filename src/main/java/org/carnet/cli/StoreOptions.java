package org.carnet.cli;

import java.nio.file.Path;
import org.carnet.app.Config;
import org.carnet.notify.MailSettings;
import picocli.CommandLine.Option;

/** Where the data is: shared by every command, so the CLI works on the same database as `serve`. */
public final class StoreOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory (SQLite file, index). Env CARNET_DATA. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database URL, e.g. jdbc:postgresql://host/db?user=u&password=p. Env CARNET_DB. "
                    + "Default: SQLite file in the data directory")
    String dbUrl;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "10",
            description = "Database connections of this process. Env CARNET_POOL_SIZE. Default: ${DEFAULT-VALUE}")
    int poolSize;

    Config config(int port, String baseUrl, boolean trustProxy, MailSettings mail) {
        return new Config(port, dataDir, dbUrl, baseUrl, trustProxy, poolSize, mail);
    }

    Config config(int port, String baseUrl, boolean trustProxy, MailSettings mail,
                  org.carnet.media.MediaSettings media) {
        return new Config(port, dataDir, dbUrl, baseUrl, trustProxy, poolSize, mail, media);
    }

    Config config() {
        return config(0, null, false, MailSettings.none());
    }
}
