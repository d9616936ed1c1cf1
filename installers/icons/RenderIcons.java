import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders the application icon from its one SVG into what each platform asks for: PNGs for Linux
 * (hicolor sizes) and the window, an .ico for Windows and an .icns for macOS. Both containers hold
 * PNG-compressed entries (Windows Vista+, macOS 10.7+), so no platform tool is needed.
 *
 * <p>Run with JSVG on the class path (Java's single-file launcher):
 * {@code java -cp studio-app/target/lib/jsvg-2.1.0.jar installers/icons/RenderIcons.java assets/icons/latent-studio.svg assets/icons}
 */
public final class RenderIcons {
    /** Linux hicolor sizes, the window icon sizes, and every size the .ico and .icns below use. */
    static final List<Integer> PNG_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512, 1024);
    static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    /** ICNS entry types and their pixel sizes; "@2x" types reuse the doubled rendering. */
    static final Map<String, Integer> ICNS_TYPES = icnsTypes();

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RenderIcons ICON.svg OUTPUT_DIR");
            System.exit(2);
        }
        Path svg = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        String stem = svg.getFileName().toString().replaceFirst("\\.svg$", "");
        SVGDocument doc = new SVGLoader().load(svg.toUri().toURL());
        if (doc == null) {
            throw new IOException(svg + ": JSVG could not parse this SVG");
        }
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int size : PNG_SIZES) {
            byte[] png = png(render(doc, size));
            pngs.put(size, png);
            Files.write(out.resolve(stem + "-" + size + ".png"), png);
        }
        Files.write(out.resolve(stem + ".ico"), ico(pngs));
        Files.write(out.resolve(stem + ".icns"), icns(pngs));
        System.out.println("wrote " + PNG_SIZES.size() + " PNGs, " + stem + ".ico and " + stem + ".icns to " + out);
    }

    static BufferedImage render(SVGDocument doc, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            doc.render(null, g, new ViewBox(0, 0, size, size));
        } finally {
            g.dispose();
        }
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer in this JDK");
        }
        return bytes.toByteArray();
    }

    /** ICONDIR, one ICONDIRENTRY per size (little-endian; 0 in a size byte means 256), then the PNGs. */
    static byte[] ico(Map<Integer, byte[]> pngs) {
        int header = 6 + 16 * ICO_SIZES.size();
        int total = header + ICO_SIZES.stream().mapToInt(s -> pngs.get(s).length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) ICO_SIZES.size());
        int offset = header;
        for (int size : ICO_SIZES) {
            byte[] png = pngs.get(size);
            b.put((byte) (size % 256)).put((byte) (size % 256)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(offset);
            offset += png.length;
        }
        ICO_SIZES.forEach(s -> b.put(pngs.get(s)));
        return b.array();
    }

    /** 'icns' + total length, then per entry a four-letter type, its length (8 + data) and the PNG; big-endian. */
    static byte[] icns(Map<Integer, byte[]> pngs) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (Map.Entry<String, Integer> e : ICNS_TYPES.entrySet()) {
            byte[] png = pngs.get(e.getValue());
            d.writeBytes(e.getKey());
            d.writeInt(8 + png.length);
            d.write(png);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(file);
        f.writeBytes("icns");
        f.writeInt(8 + body.size());
        body.writeTo(f);
        return file.toByteArray();
    }

    private static Map<String, Integer> icnsTypes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("icp4", 16);
        m.put("icp5", 32);
        m.put("icp6", 64);
        m.put("ic07", 128);
        m.put("ic08", 256);
        m.put("ic09", 512);
        m.put("ic10", 1024); // 512@2x
        m.put("ic11", 32);   // 16@2x
        m.put("ic12", 64);   // 32@2x
        m.put("ic13", 256);  // 128@2x
        m.put("ic14", 512);  // 256@2x
        return m;
    }
}
