package studio.engine.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.engine.api.GenerationRequest;
import studio.engine.api.LoraWeight;
import studio.engine.sampling.Samplers;

/**
 * AUTOMATIC1111's "infotext", the de-facto format for generation parameters in PNGs:
 * <pre>
 * a castle on a hill
 * Negative prompt: blurry
 * Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, Model: v1-5-pruned-emaonly
 * </pre>
 * The last line is "Key: value" pairs separated by commas; a value holding a comma, colon or line
 * break is written as a JSON string. The "Negative prompt:" line is left out when it would be empty.
 */
public final class A1111Parameters {
    private static final String NEGATIVE = "Negative prompt:";
    /** A1111 treats the last line as settings only when it holds at least this many pairs. */
    private static final int MIN_SETTINGS = 3;
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

    private A1111Parameters() {
    }

    /** The infotext for a request, as A1111 would write it. */
    public static String format(GenerationRequest request, String modelName) {
        StringBuilder text = new StringBuilder(promptWithLoraTags(request));
        if (!request.negativePrompt().isEmpty()) {
            text.append('\n').append(NEGATIVE).append(' ').append(request.negativePrompt());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("Steps", Integer.toString(request.steps()));
        settings.put("Sampler", Samplers.label(request.sampler()));
        settings.put("CFG scale", number(request.guidanceScale()));
        settings.put("Seed", Long.toString(request.seed()));
        settings.put("Size", request.width() + "x" + request.height());
        if (modelName != null && !modelName.isBlank()) {
            settings.put("Model", modelName);
        }
        if (request.variation().active()) {
            settings.put("Variation seed", Long.toString(request.variation().seed()));
            settings.put("Variation seed strength", number(request.variation().strength()));
        }
        if (request.mode() != GenerationRequest.Mode.TXT2IMG) {
            settings.put("Denoising strength", number(request.strength()));
        }
        if (request.clipSkip() != 1) {
            settings.put("Clip skip", Integer.toString(request.clipSkip()));
        }
        if (request.mask() != null) {
            settings.put("Mask blur", Integer.toString(request.maskBlur()));
        }
        if (!request.loras().isEmpty()) {
            Map<String, String> hashes = new LinkedHashMap<>();
            request.loras().forEach(l -> hashes.put(l.name(), LoraHashes.shortHash(java.nio.file.Path.of(l.path()))));
            settings.put("Lora hashes", LoraHashes.format(hashes));
        }
        settings.putAll(ControlNetParameters.format(request.controls()));
        List<String> pairs = new ArrayList<>();
        settings.forEach((k, v) -> pairs.add(k + ": " + quote(v)));
        return text.append('\n').append(String.join(", ", pairs)).toString();
    }

    /**
     * The prompt as A1111 writes it, {@code <lora:…>} tags included; a LoRA the request carries but the
     * prompt does not name (the CLI's --lora) gets its tag appended, so that restoring the PNG applies it.
     */
    static String promptWithLoraTags(GenerationRequest request) {
        StringBuilder prompt = new StringBuilder(request.prompt());
        java.util.Set<String> tagged = new java.util.HashSet<>();
        studio.engine.text.PromptTags.parse(request.prompt()).loras().forEach(t -> tagged.add(t.name()));
        for (LoraWeight l : request.loras()) {
            if (tagged.add(l.name())) {
                prompt.append(prompt.length() == 0 ? "" : " ").append("<lora:").append(l.name()).append(':')
                        .append(number(l.textWeight()));
                if (l.unetWeight() != l.textWeight()) {
                    prompt.append(':').append(number(l.unetWeight()));
                }
                prompt.append('>');
            }
        }
        return prompt.toString();
    }

    /** Splits an infotext into prompt, negative prompt and settings. Never fails: unknown text becomes prompt. */
    public static ParsedParameters parse(String text) {
        String[] lines = text.replace("\r\n", "\n").strip().split("\n", -1);
        Map<String, String> settings = settings(lines[lines.length - 1]);
        int promptLines = lines.length;
        if (settings.size() >= MIN_SETTINGS) {
            promptLines--;
        } else {
            settings = Map.of();
        }
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = new StringBuilder();
        boolean inNegative = false;
        for (int i = 0; i < promptLines; i++) {
            String line = lines[i].strip();
            if (!inNegative && line.startsWith(NEGATIVE)) {
                inNegative = true;
                line = line.substring(NEGATIVE.length()).strip();
            }
            StringBuilder target = inNegative ? negative : prompt;
            if (target.length() > 0) {
                target.append('\n');
            }
            target.append(line);
        }
        return new ParsedParameters(prompt.toString(), negative.toString(), settings);
    }

    private static Map<String, String> settings(String line) {
        Map<String, String> settings = new LinkedHashMap<>();
        SettingsScanner.scan(line, (key, value) -> settings.putIfAbsent(key, unquote(value)));
        return settings;
    }

    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf(':') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return JSON.toJson(value);
    }

    static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        try {
            String decoded = JSON.fromJson(value, String.class);
            return decoded == null ? value : decoded;
        } catch (JsonParseException e) {
            return value; // not valid JSON after all: keep the text as written, as A1111 does
        }
    }

    /** 7 for 7.0, 7.5 for 7.5: A1111's way of writing whole numbers without a trailing ".0". */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
