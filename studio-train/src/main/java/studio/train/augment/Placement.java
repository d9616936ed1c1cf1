package studio.train.augment;

import java.awt.image.BufferedImage;
import java.util.Random;
import studio.train.dataset.AreaResize;

/**
 * A picture moved within its white field: shrunk and set off-centre, or shifted so part of it leaves
 * the frame. Seen with the same caption, these teach the model that an object need not fill and centre
 * the frame, so that outpainting (which shows it a picture pushed to one side of a larger frame)
 * continues the white background instead of drawing a second object.
 */
public final class Placement {
    /** Shrunk pictures keep this share of the side at least, and at most the second. */
    static final double MIN_SCALE = 0.45;
    static final double MAX_SCALE = 0.75;
    /** Shifted pictures move by this share of the side at least, and at most the second. */
    static final double MIN_SHIFT = 0.15;
    static final double MAX_SHIFT = 0.45;

    private Placement() {
    }

    /** Half the variants shrunk and placed anywhere, half shifted off an edge. */
    public static float[] moved(float[] image, int size, Random random) {
        return random.nextBoolean() ? shrunk(image, size, random) : shifted(image, size, random);
    }

    static float[] shrunk(float[] image, int size, Random random) {
        double scale = MIN_SCALE + random.nextDouble() * (MAX_SCALE - MIN_SCALE);
        int side = Math.max(1, (int) Math.round(size * scale));
        float[] small = fromImage(AreaResize.resize(toImage(image, size), side, side), side);
        int x0 = random.nextInt(size - side + 1);
        int y0 = random.nextInt(size - side + 1);
        return pasted(small, side, size, x0, y0);
    }

    static float[] shifted(float[] image, int size, Random random) {
        double angle = random.nextDouble() * 2 * Math.PI;
        double distance = size * (MIN_SHIFT + random.nextDouble() * (MAX_SHIFT - MIN_SHIFT));
        int dx = (int) Math.round(Math.cos(angle) * distance);
        int dy = (int) Math.round(Math.sin(angle) * distance);
        return pasted(image, size, size, dx, dy);
    }

    /** A white (size × size) field with the (side × side) picture's top-left corner at (x0, y0), clipped. */
    static float[] pasted(float[] picture, int side, int size, int x0, int y0) {
        int plane = size * size;
        float[] out = new float[3 * plane];
        java.util.Arrays.fill(out, 1f);
        int sidePlane = side * side;
        for (int y = 0; y < side; y++) {
            int ty = y + y0;
            if (ty < 0 || ty >= size) {
                continue;
            }
            for (int x = 0; x < side; x++) {
                int tx = x + x0;
                if (tx < 0 || tx >= size) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    out[c * plane + ty * size + tx] = picture[c * sidePlane + y * side + x];
                }
            }
        }
        return out;
    }

    static BufferedImage toImage(float[] image, int size) {
        int plane = size * size;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < plane; p++) {
            int r = byteOf(image[p]);
            int g = byteOf(image[plane + p]);
            int b = byteOf(image[2 * plane + p]);
            img.setRGB(p % size, p / size, (r << 16) | (g << 8) | b);
        }
        return img;
    }

    static float[] fromImage(BufferedImage img, int size) {
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            int rgb = img.getRGB(p % size, p / size);
            out[p] = ((rgb >> 16) & 0xFF) / 127.5f - 1f;
            out[plane + p] = ((rgb >> 8) & 0xFF) / 127.5f - 1f;
            out[2 * plane + p] = (rgb & 0xFF) / 127.5f - 1f;
        }
        return out;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }
}
