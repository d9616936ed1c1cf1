import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Writes a mask PNG whose right half is white (repaint) and left half black (keep): HalfMask OUT W H. */
public final class HalfMask {
    public static void main(String[] args) throws Exception {
        int w = Integer.parseInt(args[1]);
        int h = Integer.parseInt(args[2]);
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = w / 2; x < w; x++) {
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        ImageIO.write(mask, "png", new File(args[0]));
    }
}
