package studio.engine.model.lora;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.LoraWeight;
import studio.engine.text.PromptTags;

/**
 * The user's LoRA folder: {@code <lora:NAME:WEIGHT>} names a file by its stem, as in AUTOMATIC1111's
 * {@code models/Lora}. Only the top level is searched, and only {@code .safetensors} files count.
 */
public record LoraFolder(Path dir) {
    /** The LoRA files here, sorted by name; empty when the folder does not exist. */
    public List<Path> files() {
        return studio.engine.model.SafetensorsFolder.files(dir, "LoRA folder");
    }

    /** The file whose stem is {@code name}. */
    public Optional<Path> find(String name) {
        return files().stream().filter(p -> LoraFile.stem(p).equals(name)).findFirst();
    }

    /** The LoRAs a prompt's tags name, with the names no file here has. */
    public record Resolved(List<LoraWeight> loras, List<String> missing) {
    }

    public Resolved resolve(String prompt) {
        List<LoraWeight> loras = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (PromptTags.Tag tag : PromptTags.parse(prompt).loras()) {
            Optional<Path> file = find(tag.name());
            if (file.isPresent()) {
                loras.add(new LoraWeight(tag.name(), file.get().toString(), tag.unetWeight(), tag.textWeight()));
            } else if (!missing.contains(tag.name())) {
                missing.add(tag.name());
            }
        }
        return new Resolved(loras, missing);
    }

    /** As {@link #resolve} but every name must be found. */
    public List<LoraWeight> resolveAll(String prompt) {
        Resolved r = resolve(prompt);
        if (!r.missing().isEmpty()) {
            throw new InvalidRequestException("the prompt names the LoRA" + (r.missing().size() > 1 ? "s " : " ")
                    + String.join(", ", r.missing().stream().map(n -> "'" + n + "'").toList())
                    + ", not found in the LoRA folder " + dir + " (looked for NAME.safetensors there); put the file there "
                    + "or pass --lora-dir DIR");
        }
        return r.loras();
    }

    /**
     * A {@code --lora FILE[:WEIGHT]} argument. The weight is split off at the last colon only when what
     * follows is a number, so {@code C:\loras\x.safetensors} stays a path.
     */
    public static LoraWeight parseArgument(String argument) {
        String file = argument;
        double weight = 1;
        int colon = argument.lastIndexOf(':');
        if (colon > 0) {
            try {
                weight = Double.parseDouble(argument.substring(colon + 1));
                file = argument.substring(0, colon);
            } catch (NumberFormatException e) {
                // no weight given: the colon belongs to the path
            }
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InvalidRequestException("--lora " + argument + ": no such file " + path.toAbsolutePath());
        }
        LoraFile.read(path); // a pickle or a broken header is refused now, before any model loads
        return LoraWeight.of(LoraFile.stem(path), path.toString(), weight);
    }
}
