package studio.engine.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table from the key namings TAESD weights are published in to taesd.py's own names,
 * which the modules use ({@code decoder.} / {@code encoder.} + the index in its {@code nn.Sequential}):
 * <ul>
 *   <li>taesd.py's own files ({@code taesd_decoder.safetensors}, {@code taesd_encoder.safetensors}):
 *       bare keys {@code 1.weight}, {@code 3.conv.0.weight}, …, one part per file;</li>
 *   <li>diffusers {@code AutoencoderTiny} ({@code diffusion_pytorch_model.safetensors}): both parts,
 *       {@code decoder.layers.N…} and {@code encoder.layers.N…}. diffusers applies the decoder's clamp
 *       in {@code forward}, so its decoder layers sit one index lower than taesd.py's.</li>
 * </ul>
 */
public final class TaesdNames {
    /** Canonical prefixes: the part a key belongs to. */
    public static final String DECODER = "decoder.";
    public static final String ENCODER = "encoder.";

    private record Row(Pattern key, String part, int indexShift) {
    }

    private static final List<Row> TABLE = List.of(
            new Row(Pattern.compile("decoder\\.layers\\.(\\d+)\\.(.+)"), DECODER, +1),
            new Row(Pattern.compile("encoder\\.layers\\.(\\d+)\\.(.+)"), ENCODER, 0));
    private static final Pattern BARE = Pattern.compile("(\\d+)\\.(.+)");

    private TaesdNames() {
    }

    /**
     * Canonical key → file key for every key of a file that the table maps. Bare keys are the decoder's
     * unless the file has {@code 0.weight}: only the encoder has a layer 0 with weights (the decoder's
     * is the clamp).
     */
    public static Map<String, String> canonical(Set<String> fileKeys) {
        String bareOwner = fileKeys.contains("0.weight") ? ENCODER : DECODER;
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : fileKeys) {
            String canonical = null;
            for (Row row : TABLE) {
                Matcher m = row.key().matcher(key);
                if (m.matches()) {
                    canonical = row.part() + (Integer.parseInt(m.group(1)) + row.indexShift()) + "." + m.group(2);
                    break;
                }
            }
            if (canonical == null && BARE.matcher(key).matches()) {
                canonical = bareOwner + key;
            }
            if (canonical != null) {
                out.put(canonical, key);
            }
        }
        return out;
    }
}
