package studio.engine.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import studio.engine.api.InvalidRequestException;

/**
 * The JSON header of a safetensors file: its tensors and its {@code __metadata__}. {@link #parse}
 * validates everything a reader later trusts (types, shapes, byte ranges, overlaps), so no size taken
 * from a file is used before it is checked; {@link #toBytes} writes one back in the layout the format
 * prescribes.
 *
 * <p>File layout: an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON (padded
 * with spaces), then the data region, to which every tensor's {@code data_offsets} are relative.
 */
public final class SafetensorsHeader {
    /** Headers larger than this are refused, as the reference implementation does. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /**
     * More tensors than this are refused: SD checkpoints hold 1,000 to 3,000, and each listed tensor
     * costs a few hundred bytes of heap (a million of them took 1.6 GB).
     */
    public static final int MAX_TENSORS = 100_000;
    /** More dimensions than this are refused (models use up to 5); a shape is kept as a long[] of this size at most. */
    public static final int MAX_RANK = 16;
    static final String METADATA_KEY = "__metadata__";

    private final Map<String, String> metadata;
    private final List<TensorInfo> tensors;
    private final Map<String, TensorInfo> byName;
    private final long dataStart;

    SafetensorsHeader(Map<String, String> metadata, List<TensorInfo> tensors, long dataStart) {
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.tensors = List.copyOf(tensors);
        Map<String, TensorInfo> index = new LinkedHashMap<>();
        for (TensorInfo t : this.tensors) {
            index.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(index);
        this.dataStart = dataStart;
    }

    /** The free-form string metadata ({@code __metadata__}); empty when the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** All tensors, sorted by name. */
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** The tensor called {@code name}, or null. */
    public TensorInfo find(String name) {
        return byName.get(name);
    }

    /** File offset of the data region: 8 + header length. */
    public long dataStart() {
        return dataStart;
    }

    /** Total number of elements over all tensors. */
    public long parameterCount() {
        long n = 0;
        for (TensorInfo t : tensors) {
            n += t.numel();
        }
        return n;
    }

    /** Number of elements per element type, for a summary such as "F16: 1.07 G, I64: 77". */
    public Map<DType, Long> parameterCountByDType() {
        Map<DType, Long> counts = new EnumMap<>(DType.class);
        for (TensorInfo t : tensors) {
            counts.merge(t.dtype(), t.numel(), Long::sum);
        }
        return counts;
    }

    /**
     * Parses and validates a header.
     *
     * @param fileName   used to start every error message
     * @param json       the header bytes (the N bytes after the length prefix)
     * @param dataLength size of the data region in bytes (file size - 8 - N)
     * @throws InvalidRequestException naming the file and the first problem found
     */
    public static SafetensorsHeader parse(String fileName, byte[] json, long dataLength) {
        return new Parser(fileName, dataLength).parse(json);
    }

    /**
     * Serialises a header: length prefix, JSON with {@code __metadata__} first and tensors in the
     * given order, padded with spaces so the data region starts 8-byte aligned.
     */
    public static byte[] toBytes(Map<String, String> metadata, List<TensorInfo> tensors) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject();
            if (!metadata.isEmpty()) {
                json.name(METADATA_KEY).beginObject();
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    json.name(e.getKey()).value(e.getValue());
                }
                json.endObject();
            }
            for (TensorInfo t : tensors) {
                json.name(t.name()).beginObject();
                json.name("dtype").value(t.dtype().name());
                json.name("shape").beginArray();
                for (long d : t.shape()) {
                    json.value(d);
                }
                json.endArray();
                json.name("data_offsets").beginArray().value(t.begin()).value(t.end()).endArray();
                json.endObject();
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (body.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(body);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /** One parse of one header; holds the file name for messages. */
    private static final class Parser {
        private final String file;
        private final long dataLength;

        Parser(String file, long dataLength) {
            this.file = file;
            this.dataLength = dataLength;
        }

        SafetensorsHeader parse(byte[] bytes) {
            if (bytes.length == 0 || bytes[0] != '{') {
                throw fail("the header does not start with '{'; this is not a safetensors file");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            List<TensorInfo> tensors = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            // Decoded as it is read, not into one String first: a 94 MB header took 1 GB that way.
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try (JsonReader json = new JsonReader(new InputStreamReader(new ByteArrayInputStream(bytes), utf8))) {
                json.setStrictness(Strictness.STRICT);
                json.beginObject();
                while (json.hasNext()) {
                    String name = json.nextName();
                    if (!seen.add(name)) {
                        throw fail("the header names '" + name + "' twice");
                    }
                    if (name.equals(METADATA_KEY)) {
                        readMetadata(json, metadata);
                    } else if (tensors.size() == MAX_TENSORS) {
                        throw fail("the header lists more than " + MAX_TENSORS + " tensors; Stable Diffusion "
                                + "checkpoints have a few thousand, so this file is corrupt or not a model");
                    } else {
                        tensors.add(readTensor(json, name));
                    }
                }
                json.endObject();
                if (json.peek() != JsonToken.END_DOCUMENT) {
                    throw fail("the header has text after its JSON object");
                }
            } catch (CharacterCodingException e) {
                throw fail("the header is not valid UTF-8; the file is corrupt or not a safetensors file");
            } catch (IOException | IllegalStateException | NumberFormatException e) {
                // Gson reports malformed JSON as MalformedJsonException (an IOException) or IllegalStateException.
                throw fail("the header is not valid JSON (" + JsonErrors.describe(e) + ")");
            }
            tensors.sort(Comparator.comparing(TensorInfo::name));
            checkNoOverlap(tensors);
            return new SafetensorsHeader(metadata, tensors, 8L + bytes.length);
        }

        private void readMetadata(JsonReader json, Map<String, String> metadata) throws IOException {
            expect(json, JsonToken.BEGIN_OBJECT, "__metadata__", " must be an object of strings");
            json.beginObject();
            while (json.hasNext()) {
                String key = json.nextName();
                if (json.peek() != JsonToken.STRING) {
                    throw fail("__metadata__ value '" + key + "' must be a string, found " + describe(json.peek()));
                }
                metadata.put(key, json.nextString());
            }
            json.endObject();
        }

        private TensorInfo readTensor(JsonReader json, String name) throws IOException {
            String where = "tensor '" + name + "'";
            expect(json, JsonToken.BEGIN_OBJECT, where, " must be an object with dtype, shape and data_offsets");
            String dtypeName = null;
            long[] shape = null;
            long[] offsets = null;
            json.beginObject();
            while (json.hasNext()) {
                switch (json.nextName()) {
                    case "dtype" -> {
                        expect(json, JsonToken.STRING, where, ": dtype must be a string");
                        dtypeName = json.nextString();
                    }
                    case "shape" -> shape = readLongs(json, where, ": shape", -1);
                    case "data_offsets" -> offsets = readLongs(json, where, ": data_offsets", 2);
                    default -> json.skipValue(); // unknown fields are allowed by the format
                }
            }
            json.endObject();
            if (dtypeName == null || shape == null || offsets == null) {
                throw fail(where + " lacks " + (dtypeName == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
            }
            String typeName = dtypeName;
            DType dtype = DType.fromName(dtypeName).orElseThrow(() -> fail(where + " has unknown dtype '" + typeName
                    + "'; known types are F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL and others"));
            long begin = offsets[0];
            long end = offsets[1];
            if (begin > end) {
                throw fail(where + " has data_offsets [" + begin + ", " + end + "] that end before they begin");
            }
            if (end > dataLength) {
                throw fail(where + " ends at byte " + end + " of the data region, but the file holds only "
                        + dataLength + " data bytes; the file is truncated or corrupt");
            }
            long needed;
            try {
                long numel = 1;
                for (long d : shape) {
                    numel = Math.multiplyExact(numel, d);
                }
                needed = Math.multiplyExact(numel, dtype.byteSize());
            } catch (ArithmeticException e) {
                throw fail(where + " has shape " + Arrays.toString(shape) + " too large to address");
            }
            if (end - begin != needed) {
                throw fail(where + " claims " + (end - begin) + " bytes (data_offsets [" + begin + ", " + end
                        + "]) but shape " + Arrays.toString(shape) + " of " + dtype + " needs " + needed
                        + " bytes; the file is corrupt");
            }
            return new TensorInfo(name, dtype, shape, begin, end);
        }

        /** {@code where + field} names the array in messages, joined only when one is needed. */
        private long[] readLongs(JsonReader json, String where, String field, int exactCount) throws IOException {
            String what = where + field;
            expect(json, JsonToken.BEGIN_ARRAY, what, " must be an array of non-negative integers");
            int limit = exactCount >= 0 ? exactCount : MAX_RANK;
            long[] values = new long[limit];
            int count = 0;
            json.beginArray();
            while (json.hasNext()) {
                expect(json, JsonToken.NUMBER, what, " must hold only non-negative integers");
                long v;
                try {
                    v = json.nextLong();
                } catch (NumberFormatException e) {
                    throw fail(what + " holds a number that is not an integer in range");
                }
                if (v < 0) {
                    throw fail(what + " holds the negative number " + v);
                }
                if (count == limit) {
                    throw fail(what + (exactCount >= 0 ? " must have exactly " + exactCount + " numbers, found more"
                            : " has more than " + MAX_RANK + " dimensions"));
                }
                values[count++] = v;
            }
            json.endArray();
            if (exactCount >= 0 && count != exactCount) {
                throw fail(what + " must have exactly " + exactCount + " numbers, found " + count);
            }
            return count == values.length ? values : Arrays.copyOf(values, count);
        }

        /** The message is joined only on failure: this runs several times per tensor. */
        private void expect(JsonReader json, JsonToken token, String what, String problem) throws IOException {
            JsonToken actual = json.peek();
            if (actual != token) {
                throw fail(what + problem + ", found " + describe(actual));
            }
        }

        /** Tensors sorted by name are re-sorted by position; each must start at or after the previous end. */
        private void checkNoOverlap(List<TensorInfo> tensors) {
            List<TensorInfo> byStart = new ArrayList<>(tensors);
            byStart.removeIf(t -> t.begin() == t.end()); // empty tensors occupy no bytes
            byStart.sort(Comparator.comparingLong(TensorInfo::begin));
            for (int i = 1; i < byStart.size(); i++) {
                TensorInfo prev = byStart.get(i - 1);
                TensorInfo cur = byStart.get(i);
                if (cur.begin() < prev.end()) {
                    throw fail("tensors '" + prev.name() + "' [" + prev.begin() + ", " + prev.end() + ") and '"
                            + cur.name() + "' [" + cur.begin() + ", " + cur.end() + ") overlap; the file is corrupt");
                }
            }
        }

        private static String describe(JsonToken token) {
            return token.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        private InvalidRequestException fail(String problem) {
            return new InvalidRequestException(file + ": " + problem);
        }
    }
}
