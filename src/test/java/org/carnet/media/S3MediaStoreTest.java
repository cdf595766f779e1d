package org.carnet.media;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same contract on a real S3 server (S3Proxy in this JVM): what a cluster of nodes shares. */
class S3MediaStoreTest extends MediaStoreContract {

    private static S3ProxyServer server;
    private static S3MediaStore store;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(Files.createTempDirectory("carnet-s3-"));
        store = new S3MediaStore(server.settings("carnet-media"));
        store.createBucketIfMissing();
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    MediaStore store() {
        return store;
    }
}
