package org.carnet.media;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where an instance keeps its images: "local" (under the data directory: one machine) or "s3" (an S3-compatible
 * bucket every node sees). Credentials come from the environment only (never a command line, which ps shows):
 * CARNET_S3_ACCESS_KEY and CARNET_S3_SECRET_KEY, else the SDK's usual AWS_ACCESS_KEY_ID, profiles and roles.
 */
public record MediaSettings(String kind, String s3Endpoint, String s3Bucket, String s3Region, String s3AccessKey,
                            String s3SecretKey) {

    public static final String LOCAL = "local";
    public static final String S3 = "s3";

    public MediaSettings {
        kind = kind == null || kind.isBlank() ? LOCAL : kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals(LOCAL) && !kind.equals(S3)) {
            throw new IllegalArgumentException("--media-store must be local or s3, not " + kind);
        }
        s3Endpoint = blankToNull(s3Endpoint);
        s3Bucket = blankToNull(s3Bucket);
        s3Region = s3Region == null || s3Region.isBlank() ? "us-east-1" : s3Region.trim();
        s3AccessKey = blankToNull(s3AccessKey);
        s3SecretKey = blankToNull(s3SecretKey);
        if (kind.equals(S3) && s3Bucket == null) {
            throw new IllegalArgumentException("--media-store s3 needs --s3-bucket");
        }
    }

    public static MediaSettings local() {
        return new MediaSettings(LOCAL, null, null, null, null, null);
    }

    /** S3 settings from the options, with the credentials read from the environment given. */
    public static MediaSettings s3(String endpoint, String bucket, String region, Map<String, String> env) {
        return new MediaSettings(S3, endpoint, bucket, region, env.get("CARNET_S3_ACCESS_KEY"),
                env.get("CARNET_S3_SECRET_KEY"));
    }

    /** The store these settings describe; local files go under dataDir/media. */
    public MediaStore open(Path dataDir) {
        if (kind.equals(S3)) {
            return new S3MediaStore(this);
        }
        return new LocalMediaStore(dataDir.resolve("media"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        // Never the secret in a log line.
        return "MediaSettings[" + kind + (kind.equals(S3) ? " " + s3Endpoint + " " + s3Bucket + " " + s3Region : "")
                + "]";
    }
}
