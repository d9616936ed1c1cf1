package studio.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import studio.engine.api.InvalidRequestException;

/**
 * The short hash AUTOMATIC1111 writes for a LoRA in {@code Lora hashes: "name: hash"}: the first 12
 * hex digits of the file's {@code sshs_model_hash} metadata when kohya's trainer wrote one, else of the
 * SHA-256 of the bytes after the safetensors header (sd-webui-additional-networks' "addnet" hash, which
 * A1111's {@code network.py} uses for safetensors files: metadata edits do not change it). Not the
 * SHA-256 of the whole file.
 */
public final class LoraHashes {
    public static final int SHORT = 12;
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private LoraHashes() {
    }

    /** The short hash of a LoRA file (cached by path, size and modification time). */
    public static String shortHash(Path file) {
        try {
            String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
            return CACHE.computeIfAbsent(key, k -> compute(file));
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read the LoRA " + file + ": " + e.getMessage());
        }
    }

    private static String compute(Path file) {
        String fromTrainer = SafetensorsFile.readHeader(file).metadata().get("sshs_model_hash");
        if (fromTrainer != null && !fromTrainer.isBlank()) {
            return fromTrainer.substring(0, Math.min(SHORT, fromTrainer.length()));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] length = in.readNBytes(8);
            long headerLength = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
            in.skipNBytes(headerLength);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, SHORT);
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read the LoRA " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** {@code "a: 0123456789ab, b: ..."} as A1111 writes it (names without ':' and ','). */
    public static String format(Map<String, String> hashesByName) {
        StringBuilder out = new StringBuilder();
        hashesByName.forEach((name, hash) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(name.replace(":", "").replace(",", "")).append(": ").append(hash);
        });
        return out.toString();
    }

    /** The inverse of {@link #format}: name → hash, in order. */
    public static Map<String, String> parse(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : value.split(",")) {
            int colon = item.lastIndexOf(':');
            if (colon > 0) {
                out.put(item.substring(0, colon).trim(), item.substring(colon + 1).trim());
            }
        }
        return out;
    }
}
