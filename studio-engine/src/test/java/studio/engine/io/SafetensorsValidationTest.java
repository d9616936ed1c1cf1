package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;

/** Each way a safetensors file can lie, as a hand-made file, refused with a message naming file and problem. */
class SafetensorsValidationTest {
    @TempDir
    Path dir;

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertRefused(file, "short.safetensors: file is 3 bytes, too short to be a safetensors file");
    }

    @Test
    void zeroHeaderLength() throws IOException {
        assertRefused(raw(0, new byte[16]), "header length 0 is not positive");
    }

    @Test
    void headerLengthAboveTheSignedRange() throws IOException {
        assertRefused(raw(-1L, new byte[16]), "header length 18446744073709551615 is not positive");
    }

    @Test
    void headerLengthOverOneHundredMegabytes() throws IOException {
        assertRefused(raw(100_000_001L, new byte[64]), "header length 100000001 bytes is over the 100 MB limit");
    }

    @Test
    void headerLengthPastTheEndOfTheFile() throws IOException {
        assertRefused(raw(1000, "{}".getBytes(StandardCharsets.US_ASCII)),
                "header length 1000 bytes is more than the 2 bytes after it; the file is truncated");
    }

    @Test
    void headerThatIsNotUtf8() throws IOException {
        byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertRefused(raw(bad.length, bad), "the header is not valid UTF-8");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        assertRefused(header("{\"a\": {\"dtype\": \"F32\", "), "the header is not valid JSON");
    }

    @Test
    void headerThatIsNotAnObject() throws IOException {
        assertRefused(header("[1, 2, 3]"), "the header does not start with '{'");
    }

    @Test
    void textAfterTheHeaderObject() throws IOException {
        assertRefused(header("{} {}"), "the header is not valid JSON");
    }

    @Test
    void lenientJsonIsRefused() throws IOException {
        assertRefused(header("{a: {\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4]}}"),
                "the header is not valid JSON");
    }

    @Test
    void unknownDtype() throws IOException {
        assertRefused(header(tensor("x.weight", "F17", "[1]", "[0, 4]")), "tensor 'x.weight' has unknown dtype 'F17'");
    }

    @Test
    void negativeDimension() throws IOException {
        assertRefused(header(tensor("x.weight", "F32", "[2, -1]", "[0, 4]")),
                "tensor 'x.weight': shape holds the negative number -1");
    }

    @Test
    void fractionalDimension() throws IOException {
        assertRefused(header(tensor("x.weight", "F32", "[1.5]", "[0, 4]")),
                "tensor 'x.weight': shape holds a number that is not an integer in range");
    }

    @Test
    void quotedDimension() throws IOException {
        assertRefused(header(tensor("x.weight", "F32", "[\"4\"]", "[0, 16]")),
                "tensor 'x.weight': shape must hold only non-negative integers, found string");
    }

    @Test
    void offsetsThatEndBeforeTheyBegin() throws IOException {
        assertRefused(header(tensor("x.weight", "F32", "[1]", "[8, 4]")),
                "tensor 'x.weight' has data_offsets [8, 4] that end before they begin");
    }

    @Test
    void offsetsPastTheDataRegion() throws IOException {
        assertRefused(header(tensor("x.weight", "F32", "[32, 32]", "[0, 4096]")),
                "tensor 'x.weight' ends at byte 4096 of the data region, but the file holds only 16 data bytes");
    }

    @Test
    void byteLengthDisagreesWithShape() throws IOException {
        assertRefused(header(tensor("x.weight", "F32", "[2, 3]", "[0, 16]")),
                "bad.safetensors: tensor 'x.weight' claims 16 bytes (data_offsets [0, 16]) but shape [2, 3] of F32 "
                        + "needs 24 bytes");
    }

    @Test
    void shapeWhoseSizeOverflows() throws IOException {
        assertRefused(header(tensor("x.weight", "F32", "[4294967296, 4294967296]", "[0, 16]")),
                "tensor 'x.weight' has shape [4294967296, 4294967296] too large to address");
    }

    @Test
    void overlappingTensors() throws IOException {
        assertRefused(header("{" + tensor("a", "F32", "[2]", "[0, 8]").substring(1, tensorLength("a", "[2]", "[0, 8]"))
                        + "," + tensor("b", "F32", "[2]", "[4, 12]").substring(1)),
                "tensors 'a' [0, 8) and 'b' [4, 12) overlap");
    }

    @Test
    void duplicateTensorName() throws IOException {
        String one = "\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}";
        String two = "\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}";
        assertRefused(header("{" + one + ", " + two + "}"), "the header names 'a' twice");
    }

    @Test
    void missingDataOffsets() throws IOException {
        assertRefused(header("{\"a\": {\"dtype\": \"F32\", \"shape\": [1]}}"), "tensor 'a' lacks data_offsets");
    }

    @Test
    void dataOffsetsWithOneNumber() throws IOException {
        assertRefused(header("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4]}}"),
                "tensor 'a': data_offsets must have exactly 2 numbers, found 1");
    }

    @Test
    void metadataValueThatIsNotAString() throws IOException {
        assertRefused(header("{\"__metadata__\": {\"steps\": 20}}"),
                "__metadata__ value 'steps' must be a string, found number");
    }

    @Test
    void missingFile() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SafetensorsFile.open(dir.resolve("nowhere.safetensors")));
        assertTrue(e.getMessage().endsWith("nowhere.safetensors: no such file"), e.getMessage());
    }

    @Test
    void aValidHandMadeFileOpens() throws IOException {
        Path file = header("{\"__metadata__\": {\"format\": \"pt\"}, "
                + "\"ids\": {\"dtype\": \"I64\", \"shape\": [2], \"data_offsets\": [0, 16], \"extra\": [1, {}]}}");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(DType.I64, f.info("ids").dtype());
            assertEquals("pt", f.metadata().get("format"));
        }
    }

    /** A header followed by 16 data bytes. */
    private Path header(String json) throws IOException {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + text.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(text.length).put(text);
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private Path raw(long headerLength, byte[] rest) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(rest);
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private static String tensor(String name, String dtype, String shape, String offsets) {
        return "{\"" + name + "\": {\"dtype\": \"" + dtype + "\", \"shape\": " + shape + ", \"data_offsets\": "
                + offsets + "}}";
    }

    private static int tensorLength(String name, String shape, String offsets) {
        return tensor(name, "F32", shape, offsets).length() - 1;
    }

    private static void assertRefused(Path file, String expected) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().startsWith(file.getFileName() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
        InvalidRequestException h = assertThrows(InvalidRequestException.class, () -> SafetensorsFile.readHeader(file));
        assertEquals(e.getMessage(), h.getMessage(), "readHeader validates the same way");
    }
}
