package studio.train.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmojiRasterizerTest {
    @TempDir
    Path tmp;

    @Test
    void svgIsDrawnOverTheBackgroundAtTheTrainingSize() throws IOException {
        // Left half red, right half transparent.
        Path svg = tmp.resolve("half.svg");
        Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                + "<rect x=\"0\" y=\"0\" width=\"16\" height=\"32\" fill=\"#ff0000\"/></svg>");
        BufferedImage out = new EmojiRasterizer(16, 0x0000FF).render(svg);
        assertEquals(16, out.getWidth());
        assertEquals(16, out.getHeight());
        assertEquals(0xFF0000, out.getRGB(2, 8) & 0xFFFFFF);
        assertEquals(0x0000FF, out.getRGB(13, 8) & 0xFFFFFF);
    }

    @Test
    void pngAlphaBlendsOntoTheBackground() throws IOException {
        BufferedImage png = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                png.setRGB(x, y, 0x80FF0000); // red at alpha 128/255
            }
        }
        Path file = tmp.resolve("half-transparent.png");
        ImageIO.write(png, "png", file.toFile());
        BufferedImage out = new EmojiRasterizer(32, 0xFFFFFF).render(file);
        int p = out.getRGB(10, 10);
        assertEquals(255, (p >> 16) & 0xFF);
        assertEquals(127, (p >> 8) & 0xFF, 1); // 255 * (1 - 128/255)
        assertEquals(127, p & 0xFF, 1);
        assertEquals(32, out.getWidth());
    }

    @Test
    void brokenOrEmptyFilesFailWithTheFileName() throws IOException {
        Path broken = tmp.resolve("broken.svg");
        Files.writeString(broken, "<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=");
        IOException e1 = assertThrows(IOException.class, () -> new EmojiRasterizer(16, 0xFFFFFF).render(broken));
        assertTrue(e1.getMessage().contains("broken.svg"), e1.getMessage());

        Path empty = tmp.resolve("empty.svg");
        Files.writeString(empty, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"></svg>");
        IOException e2 = assertThrows(IOException.class, () -> new EmojiRasterizer(16, 0xFFFFFF).render(empty));
        assertTrue(e2.getMessage().contains("nothing but background"), e2.getMessage());

        Path notPng = tmp.resolve("text.png");
        Files.writeString(notPng, "hello");
        assertThrows(IOException.class, () -> new EmojiRasterizer(16, 0xFFFFFF).render(notPng));
    }
}
