package org.carnet.media;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Media in a bucket of any S3-compatible object store (MinIO, Garage, SeaweedFS, Ceph, the clouds), so that every
 * node of a cluster sees the same files. An S3 PUT is atomic by nature: an object is visible whole once the
 * upload completed, never half, so a node killed mid-upload leaves nothing under the key.
 *
 * <p>Client: the AWS SDK v2 with its JDK-based HTTP client (no Netty, no Apache client), path-style addresses
 * (http://host/bucket/key: what self-hosted servers expect) and checksums only where the API requires them (the
 * SDK's newer default checksum headers are refused by several S3-compatible servers).
 */
public final class S3MediaStore implements MediaStore {

    private final S3Client s3;
    private final String bucket;

    public S3MediaStore(MediaSettings settings) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.s3Region()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(settings.s3AccessKey() != null
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.s3AccessKey(),
                                settings.s3SecretKey()))
                        : DefaultCredentialsProvider.builder().build());
        if (settings.s3Endpoint() != null) {
            builder.endpointOverride(URI.create(settings.s3Endpoint()));
        }
        this.s3 = builder.build();
        this.bucket = settings.s3Bucket();
    }

    /** Creates the bucket when it does not exist (tests, a first start on a fresh server). */
    public void createBucketIfMissing() throws IOException {
        call(() -> {
            try {
                s3.headBucket(b -> b.bucket(bucket));
            } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                s3.createBucket(b -> b.bucket(bucket));
            }
            return null;
        });
    }

    @Override
    public void put(String key, Path file) throws IOException {
        MediaStore.checkKey(key);
        // RequestBody.fromFile streams the file (and gives its length): the bytes are never all in the heap.
        call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file)));
    }

    @Override
    public Optional<Blob> get(String key, ByteRange range) throws IOException {
        MediaStore.checkKey(key);
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (range != null) {
            request.range(range.header());
        }
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(request.build());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            if (e.statusCode() == 416) {
                throw new RangeNotSatisfiable(size(key));
            }
            throw new IOException("S3 GET " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 GET " + key + ": " + e.getMessage(), e);
        }
        GetObjectResponse response = in.response();
        long length = response.contentLength();
        String contentRange = response.contentRange();
        if (contentRange == null) {
            return Optional.of(new Blob(in, 0, length, length));
        }
        // "bytes 100-199/1000"
        String spec = contentRange.substring(contentRange.indexOf(' ') + 1);
        long start = Long.parseLong(spec.substring(0, spec.indexOf('-')));
        long total = Long.parseLong(spec.substring(spec.indexOf('/') + 1));
        return Optional.of(new Blob(in, start, length, total));
    }

    private long size(String key) throws IOException {
        return call(() -> s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
    }

    @Override
    public boolean exists(String key) throws IOException {
        MediaStore.checkKey(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("S3 HEAD " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 HEAD " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        MediaStore.checkKey(key);
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        MediaStore.checkKey(prefix);
        call(() -> {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/"))) {
                // One DELETE per key, not DeleteObjects: that call needs a checksum header, and the SDK's (CRC32)
                // is refused as not implemented by S3-compatible servers (S3Proxy among them). A blog's deletion
                // is rare; every server answers this.
                for (S3Object o : page.contents()) {
                    // Carnet's keys never end with "/": such a "folder" is the server's own (S3Proxy's
                    // filesystem backend lists its directories so, and takes seconds to delete one).
                    if (!o.key().endsWith("/")) {
                        s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        s3.close();
    }

    private interface Call<T> {
        T run();
    }

    /** The SDK's unchecked failures as the IOException every store throws. */
    private static <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new IOException("S3: " + e.getMessage(), e);
        }
    }
}
