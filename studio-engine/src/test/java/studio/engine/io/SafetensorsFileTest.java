package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    /** reference.safetensors was laid out by tools/reference/safetensors_fixture.py with PyTorch's bytes. */
    @Test
    void readsAFileWrittenByTheReferenceScript() throws IOException {
        Path file = copyResource("reference.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt", "note", "hand laid out"), f.metadata());
            assertEquals(List.of("position_ids", "x.bf16", "x.bf16.expected", "x.f16", "x.f16.expected", "x.f32"),
                    f.tensors().stream().map(TensorInfo::name).toList(), "tensors sorted by name");
            assertArrayEquals(new long[] {3, 5}, f.info("x.f16").shape());
            assertEquals(DType.I64, f.info("position_ids").dtype());
            assertEquals(7, f.info("position_ids").numel());
            assertArrayEquals(f.readFloats("x.f16.expected"), f.readFloats("x.f16"));
            assertArrayEquals(f.readFloats("x.bf16.expected"), f.readFloats("x.bf16"));
            float[] f16 = f.readFloats("x.f16");
            assertEquals(Float.POSITIVE_INFINITY, f16[0], "70000 overflowed to infinity in PyTorch");
            assertTrue(f16[1] > 0 && f16[1] < 0x1p-14f, "1e-7 is an F16 subnormal");
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f16[2]));
        }
    }

    @Test
    void writeThenReadGivesTheSameTensorsAndMetadata() throws IOException {
        float[] a = randomFloats(24, 1);
        float[] b = randomFloats(7, 2);
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter()
                .metadata("format", "pt")
                .metadata("studio.family", "sd15 \"tiny\" <é>")
                .add("z.last", DType.F32, new long[] {2, 3, 4}, a)
                .add("a.first", DType.F16, new long[] {7}, b)
                .add("m.bf", DType.BF16, new long[] {1, 7}, b)
                .add("scalar", DType.F32, new long[0], new float[] {3.5f})
                .addZeros("empty", DType.F32, new long[] {0, 4})
                .write(file);

        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt", "studio.family", "sd15 \"tiny\" <é>"), f.metadata());
            assertEquals(List.of("a.first", "empty", "m.bf", "scalar", "z.last"),
                    f.tensors().stream().map(TensorInfo::name).toList());
            assertArrayEquals(a, f.readFloats("z.last"));
            for (int i = 0; i < b.length; i++) {
                assertEquals(HalfFloats.f16ToFloat(HalfFloats.floatToF16(b[i])), f.readFloats("a.first")[i]);
                assertEquals(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(b[i])), f.readFloats("m.bf")[i]);
            }
            assertArrayEquals(new float[] {3.5f}, f.readFloats("scalar"));
            assertEquals(0, f.readFloats("empty").length);
            assertEquals(0, f.header().dataStart() % 8, "header padded so data starts 8-byte aligned");
        }
    }

    @Test
    void headerIsSortedPaddedWithSpacesAndHasMetadataFirst() throws IOException {
        Path file = dir.resolve("h.safetensors");
        new SafetensorsWriter().metadata("k", "v")
                .add("b", DType.F32, new long[] {1}, new float[] {1})
                .add("a", DType.F32, new long[] {1}, new float[] {2})
                .write(file);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals(0, (8 + n) % 8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},\"a\":"), header);
        assertTrue(header.indexOf("\"a\"") < header.indexOf("\"b\""));
        assertEquals(header.stripTrailing() + " ".repeat(header.length() - header.stripTrailing().length()), header);
        assertEquals(8 + n + 8, bytes.length, "two F32 values after the header");
    }

    @Test
    void readsTensorsAcrossManySmallMappingWindows() throws IOException {
        float[] values = randomFloats(1001, 3);
        Path file = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("f32", DType.F32, new long[] {7, 143}, values)
                .add("f16", DType.F16, new long[] {1001}, values).write(file);
        float[] whole;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            whole = f.readFloats("f16");
        }
        try (SafetensorsFile f = SafetensorsFile.open(file, 64)) {
            assertArrayEquals(values, f.readFloats("f32"));
            assertArrayEquals(whole, f.readFloats("f16"));
        }
    }

    @Test
    void loadsFloat32ArraysOfTheRightShapeFromEveryFloatType() throws IOException {
        Path file = copyResource("reference.safetensors");
        Path aligned = dir.resolve("aligned.safetensors");
        float[] values = randomFloats(30, 4);
        new SafetensorsWriter().add("f32", DType.F32, new long[] {2, 3, 5}, values)
                .add("f16", DType.F16, new long[] {30}, values)
                .add("bf16", DType.BF16, new long[] {5, 6}, values).write(aligned);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Path p : List.of(file, aligned)) {
                for (int window : new int[] {SafetensorsFile.MAX_WINDOW, 16}) {
                    try (SafetensorsFile f = SafetensorsFile.open(p, window)) {
                        for (TensorInfo t : f.tensors()) {
                            if (!t.dtype().isFloatWeight()) {
                                continue;
                            }
                            NDArray array = f.load(t.name(), manager);
                            String where = p.getFileName() + " " + t.name() + " window " + window;
                            assertEquals(DataType.FLOAT32, array.getDataType(), where);
                            assertEquals(new Shape(t.shape()), array.getShape(), where);
                            assertArrayEquals(f.readFloats(t.name()), array.toFloatArray(), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void loadedArraysOutliveTheFile() throws IOException {
        Path file = dir.resolve("gone.safetensors");
        float[] values = randomFloats(64, 5);
        new SafetensorsWriter().add("w", DType.F32, new long[] {8, 8}, values).write(file);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array;
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                array = f.load("w", manager);
            }
            Files.delete(file);
            array.muli(2); // writable: it does not point into a read-only mapping
            assertEquals(values[9] * 2, array.toFloatArray()[9]);
        }
    }

    @Test
    void readsTensorsBeyondTwoAndFourGibibytesOfASparseFile() throws IOException {
        Path file = dir.resolve("big.safetensors");
        float[] cross = randomFloats(1000, 6);
        float[] tail = randomFloats(10, 7);
        long nearTwoGiB = (1L << 31) - 500;
        new SafetensorsWriter()
                .addZeros("a.zeros", DType.U8, new long[] {nearTwoGiB})
                .add("b.cross", DType.F32, new long[] {1000}, cross) // straddles 2^31
                .addZeros("c.zeros", DType.F16, new long[] {1L << 30, 2})
                .add("d.tail", DType.F32, new long[] {2, 5}, tail) // beyond 2^32
                .write(file);
        assertTrue(Files.size(file) > (1L << 32) + (1L << 30));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TensorInfo crossInfo = f.info("b.cross");
            assertTrue(f.header().dataStart() + crossInfo.begin() < 1L << 31);
            assertTrue(f.header().dataStart() + crossInfo.end() > 1L << 31);
            assertTrue(f.header().dataStart() + f.info("d.tail").begin() > 1L << 32);
            assertArrayEquals(cross, f.readFloats("b.cross"));
            assertArrayEquals(tail, f.readFloats("d.tail"));
            assertEquals(1L << 31, f.info("c.zeros").numel());
            assertEquals(nearTwoGiB + (1L << 31) + 1000, f.header().parameterCount() - 10);
        }
    }

    @Test
    void readHeaderListsTensorsWithoutOpeningData() throws IOException {
        Path file = copyResource("reference.safetensors");
        SafetensorsHeader header = SafetensorsFile.readHeader(file);
        assertEquals(6, header.tensors().size());
        assertEquals(Map.of(DType.F32, 45L, DType.F16, 15L, DType.BF16, 15L, DType.I64, 7L),
                header.parameterCountByDType());
        assertEquals(82, header.parameterCount());
    }

    @Test
    void missingTensorNamesTheFileAndTheName() throws IOException {
        Path file = copyResource("reference.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> f.info("nope.weight"));
            assertEquals("reference.safetensors: has no tensor 'nope.weight' (it holds 6 tensors)", e.getMessage());
        }
    }

    @Test
    void integerTensorsAreListedButNotLoadedAsFloats() throws IOException {
        Path file = copyResource("reference.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> f.readFloats("position_ids"));
            assertTrue(e.getMessage().contains("'position_ids' is I64; only F32, F16 and BF16"), e.getMessage());
        }
    }

    @Test
    void supplierWithTheWrongLengthIsRefusedAndLeavesNoFile() {
        Path file = dir.resolve("bad.safetensors");
        SafetensorsWriter writer = new SafetensorsWriter().add("w", DType.F32, new long[] {2, 2}, () -> new float[3]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.write(file));
        assertTrue(e.getMessage().contains("needs 4 values, got 3"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    private Path copyResource(String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }

    static float[] randomFloats(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 10);
        }
        return v;
    }
}
