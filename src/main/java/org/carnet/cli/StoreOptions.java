package org.carnet.cli;

import java.nio.file.Path;
import org.carnet.app.Config;
import org.carnet.media.MediaSettings;
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

    // Where images are: every command, not only serve, must use the store the server uses (an import run from
    // the CLI beside a cluster puts the old blog's images in the bucket every node reads).
    @Option(names = "--media-store", paramLabel = "local|s3", defaultValue = "local",
            description = "Where images are kept: local (under the data directory, one machine) or s3 (an "
                    + "S3-compatible bucket every node sees; credentials from the environment variables "
                    + "CARNET_S3_ACCESS_KEY and CARNET_S3_SECRET_KEY, else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY). "
                    + "Env CARNET_MEDIA_STORE. Default: ${DEFAULT-VALUE}")
    String mediaStore;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "The S3 API's address, e.g. http://minio.internal:9000 (none: AWS itself). "
                    + "Env CARNET_S3_ENDPOINT.")
    String s3Endpoint;

    @Option(names = "--s3-bucket", paramLabel = "NAME", description = "The bucket of images. Env CARNET_S3_BUCKET.")
    String s3Bucket;

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "The bucket's region. Env CARNET_S3_REGION. Default: ${DEFAULT-VALUE}")
    String s3Region;

    Config config(int port, String baseUrl, boolean trustProxy, MailSettings mail) {
        MediaSettings media = MediaSettings.S3.equalsIgnoreCase(mediaStore == null ? "" : mediaStore.trim())
                ? MediaSettings.s3(s3Endpoint, s3Bucket, s3Region, System.getenv())
                : new MediaSettings(mediaStore, null, null, null, null, null);
        return new Config(port, dataDir, dbUrl, baseUrl, trustProxy, poolSize, mail, media);
    }

    Config config() {
        return config(0, null, false, MailSettings.none());
    }
}
