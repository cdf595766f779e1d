package org.carnet.media;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.carnet.testkit.Waits;

/**
 * A real S3 server (S3Proxy, filesystem backend) in this JVM, for tests. S3Proxy's jar bundles its own Jackson,
 * servlet API and logging, so it runs in a class loader of its own (parent: the platform's), reached by
 * reflection: none of its classes meets Carnet's. Signed requests only (AWS v2 or v4), as a real server asks.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "carnet-test";
    public static final String SECRET_KEY = "carnet-test-secret";

    private final URLClassLoader loader;
    private final Object proxy;
    private final AutoCloseable context;
    private final int port;

    private S3ProxyServer(URLClassLoader loader, Object proxy, AutoCloseable context, int port) {
        this.loader = loader;
        this.proxy = proxy;
        this.context = context;
        this.port = port;
    }

    public static S3ProxyServer start(Path baseDir) throws Exception {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy's jar is not at s3proxy.jar=" + jar + " (see pom.xml)");
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Properties overrides = new Properties();
            overrides.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
            Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
            Object builder = contextBuilder.getMethod("newBuilder", String.class).invoke(null, "filesystem");
            builder = contextBuilder.getMethod("credentials", String.class, String.class)
                    .invoke(builder, "identity", "credential");
            builder = contextBuilder.getMethod("overrides", Properties.class).invoke(builder, overrides);
            Class<?> contextType = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
            Object context = contextBuilder.getMethod("build", Class.class).invoke(builder, contextType);
            Object blobStore = contextType.getMethod("getBlobStore").invoke(context);

            Class<?> s3proxy = loader.loadClass("org.gaul.s3proxy.S3Proxy");
            Class<?> s3builder = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
            Class<?> blobStoreType = loader.loadClass("org.jclouds.blobstore.BlobStore");
            Class<?> authType = loader.loadClass("org.gaul.s3proxy.AuthenticationType");
            Object b = s3proxy.getMethod("builder").invoke(null);
            b = s3builder.getMethod("blobStore", blobStoreType).invoke(b, blobStore);
            b = s3builder.getMethod("endpoint", URI.class).invoke(b, URI.create("http://127.0.0.1:0"));
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object v4 = Enum.valueOf((Class) authType, "AWS_V2_OR_V4");
            b = s3builder.getMethod("awsAuthentication", authType, String.class, String.class)
                    .invoke(b, v4, ACCESS_KEY, SECRET_KEY);
            Object proxy = s3builder.getMethod("build").invoke(b);
            s3proxy.getMethod("start").invoke(proxy);
            Method state = s3proxy.getMethod("getState");
            Waits.until("S3Proxy to start", () -> "STARTED".equals(state.invoke(proxy)));
            int port = (int) s3proxy.getMethod("getPort").invoke(proxy);
            return new S3ProxyServer(loader, proxy, (AutoCloseable) context, port);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Settings of a Carnet media store on this server, in bucket. */
    public MediaSettings settings(String bucket) {
        return new MediaSettings(MediaSettings.S3, endpoint(), bucket, "us-east-1", ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public void close() throws Exception {
        proxy.getClass().getMethod("stop").invoke(proxy);
        context.close();   // jclouds' threads and caches
        loader.close();
    }
}
