package studio.ui.persist;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Rect;

/**
 * The autosave files in the state folder: {@code settings.json}, {@code history.json},
 * {@code canvas.bin} (the picture with its transparency and the mask as exact floats, deflated;
 * PNG would round the mask to 8 bits) and {@code scribbles.bin} (the ControlNet layers' scribbles,
 * exact floats too). Every write replaces its file atomically, so a crash leaves
 * the previous save. Writes carry a serial and an older one never replaces a newer one, so a late
 * background save cannot undo the final save on close. A file that cannot be read is moved aside
 * (kept for the user) and reported, and the studio starts from defaults for that part.
 */
public final class SessionFiles {
    private static final byte[] MAGIC = "LSCANVAS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final byte[] SCRIBBLES_MAGIC = "LSSCRIBL".getBytes(StandardCharsets.US_ASCII);
    private static final int SCRIBBLES_VERSION = 1;
    /** More layers than any studio has; a damaged count beyond this is refused. */
    private static final int MAX_SCRIBBLES = 64;
    /** Larger layers than this are refused when reading, so a damaged header cannot exhaust memory. */
    private static final long MAX_LAYER_PIXELS = 1L << 28;
    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private final Path folder;
    private final long[] lastSerial = new long[Kind.values().length];

    private enum Kind { SETTINGS, CANVAS, HISTORY, SCRIBBLES }

    public SessionFiles(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public Path settingsFile() {
        return folder.resolve("settings.json");
    }

    public Path canvasFile() {
        return folder.resolve("canvas.bin");
    }

    /** The ControlNet layers' scribbles, exact floats like the mask (the layers' settings are in settings.json). */
    public Path scribblesFile() {
        return folder.resolve("scribbles.bin");
    }

    public Path historyFile() {
        return folder.resolve("history.json");
    }

    // ---- writing (any thread) ----------------------------------------------------------------

    public void writeSettings(long serial, SettingsState s) throws IOException {
        write(Kind.SETTINGS, serial, settingsFile(), out -> out.write(JSON.toJson(s).getBytes(StandardCharsets.UTF_8)));
    }

    public void writeHistory(long serial, List<HistoryRecord> records) throws IOException {
        write(Kind.HISTORY, serial, historyFile(), out -> out.write(JSON.toJson(records).getBytes(StandardCharsets.UTF_8)));
    }

    public void writeCanvas(long serial, CanvasState c) throws IOException {
        write(Kind.CANVAS, serial, canvasFile(), raw -> {
            DeflaterOutputStream deflate = new DeflaterOutputStream(raw, new Deflater(Deflater.BEST_SPEED), 1 << 16);
            DataOutputStream out = new DataOutputStream(deflate);
            out.write(MAGIC);
            out.writeInt(VERSION);
            writeRect(out, c.frame());
            RgbImage image = c.image();
            writeRect(out, image == null ? new Rect(0, 0, 0, 0) : new Rect(c.imageX(), c.imageY(), image.width(), image.height()));
            if (image != null) {
                int[] px = image.pixels();
                ByteBuffer bytes = ByteBuffer.allocate(px.length * 4);
                bytes.asIntBuffer().put(px);
                out.write(bytes.array());
                out.writeBoolean(c.mask() != null);
                if (c.mask() != null) {
                    bytes.clear();
                    bytes.asFloatBuffer().put(c.mask().values());
                    out.write(bytes.array());
                }
            }
            out.flush();
            deflate.finish();
        });
    }

    /** Writes the scribbles of the ControlNet layers, in the layers' order. */
    public void writeScribbles(long serial, List<ScribbleState> scribbles) throws IOException {
        write(Kind.SCRIBBLES, serial, scribblesFile(), raw -> {
            DeflaterOutputStream deflate = new DeflaterOutputStream(raw, new Deflater(Deflater.BEST_SPEED), 1 << 16);
            DataOutputStream out = new DataOutputStream(deflate);
            out.write(SCRIBBLES_MAGIC);
            out.writeInt(SCRIBBLES_VERSION);
            out.writeInt(scribbles.size());
            for (ScribbleState sc : scribbles) {
                GrayImage v = sc.values();
                writeRect(out, v == null ? new Rect(0, 0, 0, 0) : new Rect(sc.x(), sc.y(), v.width(), v.height()));
                if (v != null) {
                    ByteBuffer bytes = ByteBuffer.allocate(v.values().length * 4);
                    bytes.asFloatBuffer().put(v.values());
                    out.write(bytes.array());
                }
            }
            out.flush();
            deflate.finish();
        });
    }

    private synchronized void write(Kind kind, long serial, Path file, AtomicFiles.Content content) throws IOException {
        if (serial <= lastSerial[kind.ordinal()]) {
            return;
        }
        AtomicFiles.write(file, content);
        lastSerial[kind.ordinal()] = serial;
    }

    // ---- reading (at start-up) ---------------------------------------------------------------

    /** What was read, or empty when there was no file; a damaged file yields a problem instead. */
    public record Read<T>(Optional<T> value, String problem) {
        static <T> Read<T> of(T v) {
            return new Read<>(Optional.of(v), null);
        }

        static <T> Read<T> none() {
            return new Read<>(Optional.empty(), null);
        }
    }

    public Read<SettingsState> readSettings() {
        return read(settingsFile(), in -> {
            SettingsState s = JSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), SettingsState.class);
            if (s == null) {
                throw new IOException("the file is empty");
            }
            return s;
        });
    }

    public Read<List<HistoryRecord>> readHistory() {
        return read(historyFile(), in -> {
            List<HistoryRecord> records = JSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    new TypeToken<List<HistoryRecord>>() { }.getType());
            if (records == null) {
                throw new IOException("the file is empty");
            }
            return records.stream().filter(r -> r != null && r.file() != null && r.parameters() != null).toList();
        });
    }

    public Read<CanvasState> readCanvas() {
        return read(canvasFile(), raw -> {
            DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(raw), 1 << 16));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a studio canvas file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("canvas file version " + version + " is newer than this studio reads (" + VERSION + ")");
            }
            Rect frame = readRect(in);
            if (frame.isEmpty()) {
                throw new IOException("the saved frame is empty");
            }
            Rect bounds = readRect(in);
            if (bounds.isEmpty()) {
                return new CanvasState(null, 0, 0, null, frame);
            }
            if (bounds.area() > MAX_LAYER_PIXELS) {
                throw new IOException("the saved picture claims " + bounds.width() + "x" + bounds.height() + " pixels");
            }
            int[] px = new int[(int) bounds.area()];
            ByteBuffer.wrap(readExactly(in, px.length * 4)).asIntBuffer().get(px);
            GrayImage mask = null;
            if (in.readBoolean()) {
                float[] v = new float[px.length];
                ByteBuffer.wrap(readExactly(in, v.length * 4)).asFloatBuffer().get(v);
                mask = new GrayImage(bounds.width(), bounds.height(), v);
            }
            return new CanvasState(new RgbImage(bounds.width(), bounds.height(), px), bounds.x(), bounds.y(), mask, frame);
        });
    }

    public Read<List<ScribbleState>> readScribbles() {
        return read(scribblesFile(), raw -> {
            DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(raw), 1 << 16));
            if (!Arrays.equals(in.readNBytes(SCRIBBLES_MAGIC.length), SCRIBBLES_MAGIC)) {
                throw new IOException("not a studio scribbles file");
            }
            int version = in.readInt();
            if (version != SCRIBBLES_VERSION) {
                throw new IOException("scribbles file version " + version + " is newer than this studio reads ("
                        + SCRIBBLES_VERSION + ")");
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_SCRIBBLES) {
                throw new IOException("the file claims " + count + " scribbles");
            }
            List<ScribbleState> scribbles = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                Rect b = readRect(in);
                if (b.isEmpty()) {
                    scribbles.add(ScribbleState.EMPTY);
                    continue;
                }
                if (b.area() > MAX_LAYER_PIXELS) {
                    throw new IOException("a saved scribble claims " + b.width() + "x" + b.height() + " pixels");
                }
                float[] v = new float[(int) b.area()];
                ByteBuffer.wrap(readExactly(in, v.length * 4)).asFloatBuffer().get(v);
                scribbles.add(new ScribbleState(b.x(), b.y(), new GrayImage(b.width(), b.height(), v)));
            }
            return List.copyOf(scribbles);
        });
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private <T> Read<T> read(Path file, Reader<T> reader) {
        try (InputStream in = Files.newInputStream(file)) {
            return Read.of(reader.read(in));
        } catch (NoSuchFileException e) {
            return Read.none();
        } catch (IOException | JsonParseException | IllegalArgumentException e) {
            String why = e instanceof EOFException ? "the file is cut short" : e.getMessage();
            return new Read<>(Optional.empty(), "could not restore " + file.getFileName() + " (" + why + "); "
                    + moveAside(file) + ", and that part starts fresh");
        }
    }

    /** Keeps an unreadable file for the user instead of overwriting it with the next save. */
    private static String moveAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return "it was kept as " + aside.getFileName();
        } catch (IOException e) {
            return "it could not be moved aside (" + e.getMessage() + ")";
        }
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return b;
    }

    private static void writeRect(DataOutputStream out, Rect r) throws IOException {
        out.writeInt(r.x());
        out.writeInt(r.y());
        out.writeInt(r.width());
        out.writeInt(r.height());
    }

    private static Rect readRect(DataInputStream in) throws IOException {
        int x = in.readInt();
        int y = in.readInt();
        int w = in.readInt();
        int h = in.readInt();
        if (w < 0 || h < 0) {
            throw new IOException("a saved rectangle has a negative size");
        }
        return new Rect(x, y, w, h);
    }
}
