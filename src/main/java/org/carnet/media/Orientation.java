package org.carnet.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * EXIF orientation (1 to 8): how a camera says its pixels must be turned or mirrored to be seen upright. The
 * re-encoded file carries no EXIF, so the turn is applied to the pixels once, at upload. Only right angles and
 * mirrors: every pixel lands on a pixel, nothing is resampled (resizing is Thumbnailator's, in Variants).
 */
final class Orientation {

    private Orientation() {
    }

    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean turned = orientation >= 5;   // 5 to 8 swap width and height
        // new AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);    // mirror left-right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);   // half turn
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);    // mirror top-bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);     // transpose
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);    // quarter turn clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);   // transverse
            default -> new AffineTransform(0, -1, 1, 0, 0, w);   // 8: quarter turn counter-clockwise
        };
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB
                : image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
