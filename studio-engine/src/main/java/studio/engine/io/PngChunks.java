package studio.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The PNG chunk layer: walking chunks with their CRCs, and reading and writing the text chunks
 * (tEXt, zTXt, iTXt) that carry AUTOMATIC1111's "parameters".
 *
 * <p>Why not ImageIO's metadata tree: reading it means decoding through an ImageReader, writing it
 * means merging an IIOMetadata tree, and neither lets us pick tEXt versus iTXt the way A1111 (via
 * Pillow) does. A chunk walk reads the text without touching the pixels and is a few dozen lines.
 */
final class PngChunks {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /**
     * Largest text read, compressed or not: A1111's infotext, extensions' settings included, stays
     * within some kilobytes, and a 16 MB prompt once took 3.5 GB to read and parse.
     */
    static final int MAX_TEXT_BYTES = 1 << 20;
    /** A keyword is 1 to 79 Latin-1 characters, then a NUL. */
    private static final int MAX_KEYWORD_BYTES = 80;

    private PngChunks() {
    }

    /** A complete chunk: length, type, data, CRC over type and data. */
    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue())
                .array();
    }

    /**
     * A text chunk for {@code keyword}: tEXt when the text is Latin-1 (what A1111 writes), otherwise an
     * uncompressed iTXt with UTF-8 text and no language tag (what Pillow falls back to).
     */
    static byte[] textChunk(String keyword, String text) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        if (isLatin1WithoutNul(text)) {
            data.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            return chunk("tEXt", data.toByteArray());
        }
        data.write(0); // not compressed
        data.write(0); // compression method
        data.write(0); // empty language tag
        data.write(0); // empty translated keyword
        data.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return chunk("iTXt", data.toByteArray());
    }

    /** {@code png} with {@code extra} inserted just before its first IDAT chunk. */
    static byte[] insertBeforeImageData(byte[] png, byte[] extra) {
        int at = SIGNATURE.length;
        while (at + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, at, 4).getInt();
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("IDAT")) {
                byte[] out = Arrays.copyOf(png, png.length + extra.length);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(png, at, out, at + extra.length, png.length - at);
                return out;
            }
            at += 12 + length;
        }
        throw new IllegalArgumentException("PNG has no IDAT chunk");
    }

    /**
     * The text of the first tEXt, zTXt or iTXt chunk named {@code keyword}. Chunks with a bad CRC
     * are skipped (their text cannot be trusted); a truncated file ends the walk.
     *
     * @throws NotPngException if the stream does not start with the PNG signature
     */
    static Optional<String> findText(InputStream stream, String keyword) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] signature = in.readNBytes(SIGNATURE.length);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new NotPngException();
        }
        try {
            while (true) {
                long length = in.readInt() & 0xFFFF_FFFFL;
                byte[] typeBytes = in.readNBytes(4);
                String type = new String(typeBytes, StandardCharsets.ISO_8859_1);
                boolean text = type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt");
                if (text && length <= MAX_TEXT_BYTES) {
                    byte[] data = in.readNBytes((int) length);
                    int storedCrc = in.readInt();
                    CRC32 crc = new CRC32();
                    crc.update(typeBytes);
                    crc.update(data);
                    if (data.length == length && (int) crc.getValue() == storedCrc) {
                        Optional<String> found = decodeText(type, data, keyword);
                        if (found.isPresent()) {
                            return found;
                        }
                    }
                } else if (text) {
                    byte[] head = in.readNBytes(MAX_KEYWORD_BYTES);
                    Optional<String> keywordOf = keyword(head);
                    if (keywordOf.isPresent() && keywordOf.get().equals(keyword)) {
                        throw new TextTooLargeException(keyword);
                    }
                    in.skipNBytes(length - head.length + 4);
                } else {
                    in.skipNBytes(length + 4);
                }
                if (type.equals("IEND")) {
                    return Optional.empty();
                }
            }
        } catch (EOFException truncated) {
            return Optional.empty();
        }
    }

    private static Optional<String> keyword(byte[] data) {
        int nul = indexOf(data, 0);
        return nul < 0 ? Optional.empty() : Optional.of(new String(data, 0, nul, StandardCharsets.ISO_8859_1));
    }

    private static Optional<String> decodeText(String type, byte[] data, String keyword) throws TextTooLargeException {
        if (!keyword(data).equals(Optional.of(keyword))) {
            return Optional.empty();
        }
        int at = indexOf(data, 0) + 1;
        try {
            switch (type) {
                case "tEXt":
                    return Optional.of(new String(data, at, data.length - at, StandardCharsets.ISO_8859_1));
                case "zTXt":
                    return Optional.of(new String(inflate(data, at + 1, keyword), StandardCharsets.ISO_8859_1));
                default: { // iTXt: flag, method, language\0, translated keyword\0, text
                    boolean compressed = data[at] == 1;
                    int languageEnd = indexOf(data, at + 2);
                    int translatedEnd = languageEnd < 0 ? -1 : indexOf(data, languageEnd + 1);
                    if (translatedEnd < 0) {
                        return Optional.empty();
                    }
                    int textStart = translatedEnd + 1;
                    byte[] text = compressed ? inflate(data, textStart, keyword)
                            : Arrays.copyOfRange(data, textStart, data.length);
                    return Optional.of(new String(text, StandardCharsets.UTF_8));
                }
            }
        } catch (DataFormatException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            return Optional.empty(); // a malformed text chunk is treated as absent
        }
    }

    private static byte[] inflate(byte[] data, int from, String keyword) throws DataFormatException, TextTooLargeException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, from, data.length - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated compressed text");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_TEXT_BYTES) {
                    throw new TextTooLargeException(keyword);
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLatin1WithoutNul(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text chunk asked for is over {@link #MAX_TEXT_BYTES}: refused rather than skipped, so the
     * user learns why a PNG that has parameters offers none.
     */
    static final class TextTooLargeException extends IOException {
        TextTooLargeException(String keyword) {
            super("its '" + keyword + "' text is larger than the " + (MAX_TEXT_BYTES >> 20)
                    + " MiB limit for generation parameters");
        }
    }

    /** The input is not a PNG file. */
    static final class NotPngException extends IOException {
        NotPngException() {
            super("not a PNG file");
        }
    }
}
