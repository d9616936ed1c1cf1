package studio.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.engine.api.InvalidRequestException;

/**
 * AUTOMATIC1111's extra-network tags in a prompt, {@code <lora:NAME:WEIGHT>}: its {@code parse_prompt}
 * replaces every {@code <type:args>} by the empty string before the prompt is tokenised (nothing around
 * the tag is trimmed) and hands the arguments to the network of that type. Arguments are split at
 * {@code :}; those with {@code =} are named. For LoRA: NAME, then the text-encoder weight (default 1),
 * then the U-Net weight (default the text-encoder weight); {@code te=} and {@code unet=} name them.
 */
public final class PromptTags {
    private static final Pattern TAG = Pattern.compile("<(\\w+):([^>]+)>");

    /** A {@code <lora:…>} tag (A1111 also reads LyCORIS files through {@code <lyco:…>}). */
    public record Tag(String type, String name, double textWeight, double unetWeight, String text) {
    }

    /** The prompt without its tags, and the tags in order. */
    public record Parsed(String prompt, List<Tag> loras, List<String> otherTags) {
    }

    private PromptTags() {
    }

    /** The prompt the text encoder reads: every tag replaced by the empty string. */
    public static String strip(String prompt) {
        return TAG.matcher(prompt).replaceAll("");
    }

    /** @throws InvalidRequestException for a LoRA tag with no name or a weight that is not a number */
    public static Parsed parse(String prompt) {
        List<Tag> loras = new ArrayList<>();
        List<String> others = new ArrayList<>();
        Matcher m = TAG.matcher(prompt);
        while (m.find()) {
            String type = m.group(1).toLowerCase(Locale.ROOT);
            if (!type.equals("lora") && !type.equals("lyco")) {
                others.add(m.group());
                continue;
            }
            List<String> positional = new ArrayList<>();
            String te = null;
            String unet = null;
            for (String item : m.group(2).split(":", -1)) {
                int eq = item.indexOf('=');
                if (eq < 0) {
                    positional.add(item);
                } else if (item.substring(0, eq).trim().equals("te")) {
                    te = item.substring(eq + 1);
                } else if (item.substring(0, eq).trim().equals("unet")) {
                    unet = item.substring(eq + 1);
                }
                // other named arguments (dyn=, A1111's LyCORIS dimension) do not change the weights
            }
            String name = positional.isEmpty() ? "" : positional.get(0).trim();
            if (name.isEmpty()) {
                throw new InvalidRequestException("the tag " + m.group() + " names no LoRA; write <lora:NAME:WEIGHT>");
            }
            double textWeight = number(te != null ? te : positional.size() > 1 ? positional.get(1) : "1", m.group());
            double unetWeight = unet != null ? number(unet, m.group())
                    : positional.size() > 2 ? number(positional.get(2), m.group()) : textWeight;
            loras.add(new Tag(type, name, textWeight, unetWeight, m.group()));
        }
        return new Parsed(strip(prompt), List.copyOf(loras), List.copyOf(others));
    }

    private static double number(String text, String tag) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequestException("the tag " + tag + " has the weight '" + text + "', which is not a number; "
                + "write <lora:NAME:WEIGHT> with a WEIGHT such as 0.8");
    }
}
