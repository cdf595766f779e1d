package org.carnet.media;

/** What Carnet serves: JPEG, PNG or GIF (a WebP upload is served as PNG: Java has no WebP writer). */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", "jpeg"),
    PNG("image/png", "png", "png"),
    GIF("image/gif", "gif", "gif");

    public final String mime;
    private final String extension;
    /** The name of its ImageIO writer. */
    final String writer;

    ImageFormat(String mime, String extension, String writer) {
        this.mime = mime;
        this.extension = extension;
        this.writer = writer;
    }

    public String extension() {
        return extension;
    }

    public static ImageFormat ofMime(String mime) {
        for (ImageFormat f : values()) {
            if (f.mime.equals(mime)) {
                return f;
            }
        }
        throw new IllegalArgumentException("not a served image type: " + mime);
    }
}
