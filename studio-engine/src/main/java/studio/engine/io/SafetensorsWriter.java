package studio.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes a safetensors file: float tensors as F32, F16 or BF16 (rounded to nearest even), entries
 * sorted by name, string metadata, header padded to 8 bytes. Data is asked for tensor by tensor
 * while writing, so saving a model never holds a second full copy of it in Java memory.
 * Zero tensors are not written at all: the file gets a hole (sparse on Linux/macOS file systems),
 * which makes full-size test checkpoints cheap.
 *
 * <pre>{@code
 * new SafetensorsWriter().metadata("format", "pt")
 *         .add("w", DType.F16, new long[] {2, 3}, values)
 *         .write(path);
 * }</pre>
 */
public final class SafetensorsWriter {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final TreeMap<String, Entry> entries = new TreeMap<>();

    /** Adds one {@code __metadata__} entry. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(requireText(key, "metadata key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Adds all entries to {@code __metadata__}. */
    public SafetensorsWriter metadata(Map<String, String> entries) {
        entries.forEach(this::metadata);
        return this;
    }

    /** Adds a tensor whose values are known now. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, float[] values) {
        float[] copy = values.clone();
        return add(name, dtype, shape, () -> copy);
    }

    /**
     * Adds a tensor whose values are asked for while the file is written (row-major, length
     * = product of shape). Only F32, F16 and BF16 are accepted.
     */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, Supplier<float[]> values) {
        if (!dtype.isFloatWeight()) {
            throw new IllegalArgumentException("tensor '" + name + "': only F32, F16 and BF16 can be written from "
                    + "floats, not " + dtype);
        }
        return put(name, dtype, shape, Objects.requireNonNull(values, "values"));
    }

    /** Adds an all-zero tensor of any type; its bytes become a hole in the file. */
    public SafetensorsWriter addZeros(String name, DType dtype, long[] shape) {
        return put(name, dtype, shape, null);
    }

    private SafetensorsWriter put(String name, DType dtype, long[] shape, Supplier<float[]> values) {
        requireText(name, "tensor name");
        if (name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("'" + name + "' is reserved for metadata");
        }
        if (entries.containsKey(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' was added twice");
        }
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has negative dimension in "
                        + Arrays.toString(shape));
            }
        }
        long numel = new TensorInfo(name, dtype, shape, 0, 0).numel(); // throws on overflow
        long bytes = Math.multiplyExact(numel, dtype.byteSize());
        entries.put(name, new Entry(dtype, shape.clone(), numel, bytes, values));
        return this;
    }

    /**
     * Writes the file: to a temporary file beside {@code path}, then moved into place, so a reader
     * never sees half a checkpoint.
     */
    public void write(Path path) throws IOException {
        List<TensorInfo> infos = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            infos.add(new TensorInfo(e.getKey(), entry.dtype, entry.shape, offset, offset + entry.bytes));
            offset += entry.bytes;
        }
        byte[] header = SafetensorsHeader.toBytes(metadata, infos);
        long total = header.length + offset;

        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + path.getFileName(), ".part");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(out, ByteBuffer.wrap(header), 0);
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
                for (TensorInfo info : infos) {
                    Entry entry = entries.get(info.name());
                    if (entry.values != null) {
                        writeTensor(out, info, entry, header.length + info.begin(), buffer);
                    }
                }
                if (out.size() < total) {
                    // Trailing zero tensors: one byte at the very end sets the length, leaving a hole.
                    writeFully(out, ByteBuffer.wrap(new byte[1]), total - 1);
                }
            }
            FileReplace.move(temp, path);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeTensor(FileChannel out, TensorInfo info, Entry entry, long position, ByteBuffer buffer)
            throws IOException {
        float[] values = entry.values.get();
        if (values == null || values.length != entry.numel) {
            throw new IllegalStateException("tensor '" + info.name() + "' of shape " + info.shapeText()
                    + " needs " + entry.numel + " values, got " + (values == null ? "none" : values.length));
        }
        int perChunk = BUFFER_BYTES / entry.dtype.byteSize();
        for (int from = 0; from < values.length; from += perChunk) {
            int count = Math.min(perChunk, values.length - from);
            buffer.clear();
            TensorBytes.fromFloats(entry.dtype, values, from, count, buffer);
            buffer.flip();
            writeFully(out, buffer, position + (long) from * entry.dtype.byteSize());
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += out.write(bytes, at);
        }
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    private record Entry(DType dtype, long[] shape, long numel, long bytes, Supplier<float[]> values) {
    }
}
