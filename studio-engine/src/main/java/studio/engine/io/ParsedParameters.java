package studio.engine.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Variation;
import studio.engine.sampling.SamplerSpec;
import studio.engine.sampling.Samplers;

/**
 * A1111 generation parameters split into prompt, negative prompt and the settings line (keys as
 * written, values unquoted, in order). Typed accessors read the settings this studio understands;
 * {@link #applyTo} copies them onto a request.
 */
public record ParsedParameters(String prompt, String negativePrompt, Map<String, String> settings) {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*x\\s*(\\d+)");

    public ParsedParameters {
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A setting as written, e.g. {@code setting("Model hash")}. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public OptionalInt steps() {
        return intSetting("Steps");
    }

    /** The studio's sampler name (e.g. dpmpp_2m_karras); empty when absent or not available here. */
    public Optional<String> sampler() {
        return setting("Sampler").flatMap(s -> Samplers.fromA1111(s, settings.get("Schedule type")))
                .map(SamplerSpec::name);
    }

    public OptionalDouble cfgScale() {
        return doubleSetting("CFG scale");
    }

    public OptionalLong seed() {
        String v = settings.get("Seed");
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Seed: '" + v + "' is not a whole number");
        }
    }

    public OptionalInt width() {
        return size().map(s -> OptionalInt.of(s[0])).orElse(OptionalInt.empty());
    }

    public OptionalInt height() {
        return size().map(s -> OptionalInt.of(s[1])).orElse(OptionalInt.empty());
    }

    /** A1111's "Variation seed" and "Variation seed strength"; {@link Variation#NONE} when absent or 0. */
    public Variation variation() {
        OptionalDouble strength = doubleSetting("Variation seed strength");
        String seed = settings.get("Variation seed");
        if (strength.isEmpty() || strength.getAsDouble() == 0 || seed == null) {
            return Variation.NONE;
        }
        try {
            return new Variation(Long.parseLong(seed.trim()), strength.getAsDouble());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Variation seed: '" + seed + "' is not a whole number");
        }
    }

    public OptionalDouble denoisingStrength() {
        return doubleSetting("Denoising strength");
    }

    public OptionalInt clipSkip() {
        return intSetting("Clip skip");
    }

    public OptionalInt maskBlur() {
        return intSetting("Mask blur");
    }

    /** The model name A1111 recorded (a display name, not a path). */
    public Optional<String> model() {
        return setting("Model");
    }

    /** {@code Lora hashes}: name → A1111's 12-digit short hash, for telling whether a local file is the one used. */
    public Map<String, String> loraHashes() {
        String v = settings.get("Lora hashes");
        return v == null ? Map.of() : LoraHashes.parse(v);
    }

    /** The ControlNet units recorded ("ControlNet 0", ...), in order; their images are not recorded. */
    public List<ControlNetParameters> controlNets() {
        return ControlNetParameters.parse(settings);
    }

    /** Settings present but not applicable here, in words, e.g. a sampler the studio lacks. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        String sampler = settings.get("Sampler");
        if (sampler != null && sampler().isEmpty()) {
            warnings.add("sampler '" + sampler + "' is not available here (available: " + Samplers.labels()
                    + "); the current sampler is kept");
        }
        String schedule = settings.get("Schedule type");
        if (schedule != null && sampler().isPresent() && !schedule.equalsIgnoreCase("karras")
                && !schedule.equalsIgnoreCase("automatic")) {
            warnings.add("schedule type '" + schedule + "' is not available here; the sampler's default is used");
        }
        controlNets().forEach(c -> c.moduleWarning().ifPresent(warnings::add));
        return warnings;
    }

    /**
     * Copies prompt, negative prompt, steps, sampler, CFG scale, seed, size, denoising strength,
     * clip skip and mask blur onto {@code builder}; settings that are absent leave it unchanged, except
     * the variation seed, which is set to none when the parameters have none.
     *
     * @throws InvalidRequestException if a setting is present but not a number where one is needed
     */
    public GenerationRequest.Builder applyTo(GenerationRequest.Builder builder) {
        builder.prompt(prompt).negativePrompt(negativePrompt);
        steps().ifPresent(builder::steps);
        sampler().ifPresent(builder::sampler);
        cfgScale().ifPresent(builder::guidanceScale);
        seed().ifPresent(builder::seed);
        builder.variation(variation());
        size().ifPresent(s -> builder.size(s[0], s[1]));
        denoisingStrength().ifPresent(builder::strength);
        clipSkip().ifPresent(builder::clipSkip);
        maskBlur().ifPresent(builder::maskBlur);
        return builder;
    }

    private Optional<int[]> size() {
        String v = settings.get("Size");
        if (v == null) {
            return Optional.empty();
        }
        Matcher m = SIZE.matcher(v.trim());
        if (!m.matches()) {
            throw new InvalidRequestException("Size: '" + v + "' is not WIDTHxHEIGHT, e.g. 512x768");
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Size: '" + v + "' is too large");
        }
    }

    private OptionalInt intSetting(String key) {
        String v = settings.get(key);
        if (v == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(key + ": '" + v + "' is not a whole number");
        }
    }

    private OptionalDouble doubleSetting(String key) {
        String v = settings.get(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return OptionalDouble.of(d);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException(key + ": '" + v + "' is not a number");
    }
}
