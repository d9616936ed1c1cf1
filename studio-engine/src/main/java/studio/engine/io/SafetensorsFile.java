package studio.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import studio.engine.api.InvalidRequestException;

/**
 * A safetensors checkpoint opened for lazy reading. The header is validated on {@link #open};
 * tensor data is memory-mapped one tensor (or one window of at most {@value #MAX_WINDOW} bytes) at
 * a time, so files over 2 GiB work and only the tensor being converted is touched.
 *
 * <pre>{@code
 * try (SafetensorsFile f = SafetensorsFile.open(path)) {
 *     NDArray w = f.load("model.diffusion_model.out.2.weight", weights);
 * }
 * }</pre>
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Largest single mapping; a MappedByteBuffer cannot exceed 2 GiB. */
    static final int MAX_WINDOW = 1 << 30;

    private final Path path;
    private final String fileName;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final int window;

    private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header, int window) {
        this.path = path;
        this.fileName = String.valueOf(path.getFileName());
        this.channel = channel;
        this.header = header;
        this.window = window;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @throws InvalidRequestException if the file is missing, unreadable or not a valid safetensors file
     */
    public static SafetensorsFile open(Path path) {
        return open(path, MAX_WINDOW);
    }

    /** As {@link #open(Path)} with a smaller mapping window, so tests can cover multi-window reads. */
    static SafetensorsFile open(Path path, int window) {
        if (window <= 0 || window % 8 != 0) {
            throw new IllegalArgumentException("window must be a positive multiple of 8, got " + window);
        }
        FileChannel channel = openChannel(path);
        try {
            SafetensorsHeader header = readHeader(path, channel);
            return new SafetensorsFile(path, channel, header, window);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Reads and validates only the header: tensor names, types, shapes and metadata, without touching
     * tensor data (what {@code studio info} prints).
     */
    public static SafetensorsHeader readHeader(Path path) {
        try (FileChannel channel = openChannel(path)) {
            return readHeader(path, channel);
        } catch (IOException e) {
            throw new InvalidRequestException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static SafetensorsHeader readHeader(Path path, FileChannel channel) {
        String name = String.valueOf(path.getFileName());
        try {
            long size = channel.size();
            if (size < 8) {
                throw new InvalidRequestException(name + ": file is " + size
                        + " bytes, too short to be a safetensors file (it needs at least an 8-byte header length)");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, 0);
            long headerLength = prefix.getLong(0); // an unsigned u64: above 2^63 it reads negative here
            if (headerLength <= 0) {
                throw new InvalidRequestException(name + ": header length " + Long.toUnsignedString(headerLength)
                        + " is not positive; this is not a safetensors file");
            }
            if (headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
                throw new InvalidRequestException(name + ": header length " + headerLength
                        + " bytes is over the 100 MB limit; this is not a safetensors file or it is corrupt");
            }
            if (headerLength > size - 8) {
                throw new InvalidRequestException(name + ": header length " + headerLength
                        + " bytes is more than the " + (size - 8) + " bytes after it; the file is truncated");
            }
            ByteBuffer json = ByteBuffer.allocate((int) headerLength);
            readFully(channel, json, 8);
            return SafetensorsHeader.parse(name, json.array(), size - 8 - headerLength);
        } catch (IOException e) {
            throw new InvalidRequestException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    public Path path() {
        return path;
    }

    public SafetensorsHeader header() {
        return header;
    }

    /** The free-form metadata of the file ({@code __metadata__}); empty when there is none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** All tensors, sorted by name. */
    public List<TensorInfo> tensors() {
        return header.tensors();
    }

    /** True if the file holds a tensor of that name. */
    public boolean contains(String name) {
        return header.find(name) != null;
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws InvalidRequestException if there is none
     */
    public TensorInfo info(String name) {
        TensorInfo info = header.find(name);
        if (info == null) {
            throw new InvalidRequestException(fileName + ": has no tensor '" + name + "' (it holds "
                    + header.tensors().size() + " tensors)");
        }
        return info;
    }

    /** The tensor's values as floats, widening F16/BF16 exactly. */
    public float[] readFloats(String name) {
        TensorInfo info = floatTensor(name);
        long numel = info.numel();
        if (numel > Integer.MAX_VALUE - 8) {
            throw new InvalidRequestException(fileName + ": tensor '" + name + "' has " + numel
                    + " elements, too many for one Java array; load it with load() instead");
        }
        float[] out = new float[(int) numel];
        int filled = 0;
        for (long offset = 0; offset < info.byteLength(); offset += window) {
            int length = (int) Math.min(window, info.byteLength() - offset);
            ByteBuffer bytes = map(info, offset, length);
            try {
                filled += TensorBytes.toFloats(info.dtype(), bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN), out, filled);
            } finally {
                Unmapper.unmap(bytes);
            }
        }
        return out;
    }

    /**
     * The tensor as a FLOAT32 array of its shape on {@code manager}. Converts this one tensor only:
     * the data is read straight from the mapping into libtorch, so host memory never holds a second
     * copy of the whole model.
     */
    public NDArray load(String name, NDManager manager) {
        TensorInfo info = floatTensor(name);
        Shape shape = new Shape(info.shape());
        if (info.numel() == 0) {
            return manager.create(shape, DataType.FLOAT32);
        }
        if (info.byteLength() <= window) {
            return loadPiece(info, 0, (int) info.byteLength(), shape, manager);
        }
        // Bigger than one mapping: convert window by window and join; only this tensor is held twice.
        try (NDManager scratch = manager.newSubManager()) {
            NDList pieces = new NDList();
            for (long offset = 0; offset < info.byteLength(); offset += window) {
                int length = (int) Math.min(window, info.byteLength() - offset);
                pieces.add(loadPiece(info, offset, length, new Shape(length / info.dtype().byteSize()), scratch));
            }
            NDArray joined = NDArrays.concat(pieces).reshape(shape);
            joined.attach(manager);
            return joined;
        }
    }

    /** One window of a tensor as a FLOAT32 array of {@code shape} owned by libtorch (not by the mapping). */
    private NDArray loadPiece(TensorInfo info, long offset, int length, Shape shape, NDManager manager) {
        DType dtype = info.dtype();
        ByteBuffer mapped = map(info, offset, length);
        try {
            ByteBuffer bytes = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            boolean aligned = (header.dataStart() + info.begin() + offset) % dtype.byteSize() == 0;
            // DJL 0.35's native torchFromBlob aborts the whole JVM (an uncaught C++ exception) when given
            // BFLOAT16, so BF16 is widened in Java below.
            boolean torchReadable = dtype == DType.F32 || dtype == DType.F16;
            if (aligned && torchReadable && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                // libtorch reads the mapped bytes in place; toType/duplicate then copies into memory it owns,
                // so nothing refers to the mapping once the view is closed.
                try (NDArray view = manager.create(bytes, shape, TensorBytes.djlType(dtype))) {
                    return dtype == DType.F32 ? view.duplicate() : view.toType(DataType.FLOAT32, true);
                }
            }
            float[] values = new float[length / dtype.byteSize()];
            TensorBytes.toFloats(dtype, bytes, values, 0);
            return manager.create(values, shape);
        } finally {
            Unmapper.unmap(mapped); // now, not at the next GC: see Unmapper
        }
    }

    private TensorInfo floatTensor(String name) {
        ensureOpen();
        TensorInfo info = info(name);
        if (!info.dtype().isFloatWeight()) {
            throw new InvalidRequestException(fileName + ": tensor '" + name + "' is " + info.dtype()
                    + "; only F32, F16 and BF16 tensors load as floats");
        }
        return info;
    }

    private ByteBuffer map(TensorInfo info, long offset, int length) {
        try {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY,
                    header.dataStart() + info.begin() + offset, length);
            return mapped;
        } catch (IOException e) {
            throw new InvalidRequestException(fileName + ": cannot read tensor '" + info.name() + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    private void ensureOpen() {
        if (!channel.isOpen()) {
            throw new IllegalStateException(fileName + " is closed");
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static FileChannel openChannel(Path path) {
        RegularFiles.require(path, "a .safetensors file"); // a FIFO would block the open forever
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException(path + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidRequestException(path + ": cannot open (" + e.getMessage() + ")", e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) {
                throw new EOFException("unexpected end of file");
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close of a read-only channel loses nothing
        }
    }
}
