package studio.ui.loras;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.LoraWeight;
import studio.engine.model.EmbeddingFolder;
import studio.engine.model.lora.LoraFile;
import studio.engine.model.lora.LoraFolder;
import studio.engine.text.PromptTags;

/**
 * The LoRAs and textual-inversion embeddings of the models folder ({@code loras/}, {@code embeddings/})
 * as the settings panel offers them. A LoRA is active when the prompt names it with a
 * {@code <lora:NAME:WEIGHT>} tag (AUTOMATIC1111's way, which PNG parameters restore) or when it is
 * enabled here with its slider's weight; an embedding is active when a prompt word names it.
 * Scanning reads only file headers.
 */
public final class Adapters {
    private final ObservableList<LoraEntry> loras = FXCollections.observableArrayList(
            e -> new Observable[] {e.enabledProperty(), e.weightProperty()});
    private final ObservableList<String> embeddings = FXCollections.observableArrayList();
    /** Changes whenever an entry is enabled, re-weighted, added or removed: for bindings and autosave. */
    private final IntegerProperty revision = new SimpleIntegerProperty(this, "revision");
    private final List<String> problems = new ArrayList<>();
    private Path modelsFolder;

    public Adapters(Path modelsFolder) {
        loras.addListener((javafx.collections.ListChangeListener<LoraEntry>) c -> revision.set(revision.get() + 1));
        setModelsFolder(modelsFolder);
    }

    /** Looks at another models folder's {@code loras/} and {@code embeddings/}. */
    public void setModelsFolder(Path folder) {
        modelsFolder = folder;
        rescan();
    }

    public Path loraFolder() {
        return modelsFolder == null ? null : modelsFolder.resolve("loras");
    }

    public Path embeddingFolder() {
        return modelsFolder == null ? null : modelsFolder.resolve("embeddings");
    }

    /** Reads the folders again, keeping the enabled state and weight of LoRAs still there. */
    public void rescan() {
        List<LoraEntry> found = new ArrayList<>();
        problems.clear();
        for (Path file : new LoraFolder(loraFolder()).files()) {
            String family;
            try {
                String f = LoraFile.read(file).family();
                family = f == null ? "family unknown" : f;
            } catch (InvalidRequestException e) {
                problems.add(e.getMessage());
                continue;
            }
            LoraEntry entry = new LoraEntry(LoraFile.stem(file), file, family);
            loras.stream().filter(old -> old.name().equals(entry.name())).findFirst().ifPresent(old -> {
                entry.enabledProperty().set(old.enabledProperty().get());
                entry.weightProperty().set(old.weightProperty().get());
            });
            found.add(entry);
        }
        loras.setAll(found);
        embeddings.setAll(new EmbeddingFolder(embeddingFolder()).names());
    }

    /**
     * The LoRAs a request with this prompt applies: the prompt's tags resolved in the folder, then the
     * enabled entries the prompt does not name. Names not found are left out (see {@link #missing}).
     */
    public List<LoraWeight> forPrompt(String prompt) {
        List<LoraWeight> out = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        try {
            out.addAll(new LoraFolder(loraFolder()).resolve(prompt).loras());
            PromptTags.parse(prompt).loras().forEach(t -> named.add(t.name()));
        } catch (InvalidRequestException e) {
            // a malformed tag: the request's own check names it
        }
        for (LoraEntry e : loras) {
            if (e.enabledProperty().get() && !named.contains(e.name())) {
                out.add(LoraWeight.of(e.name(), e.path().toString(), e.weightProperty().get()));
            }
        }
        return out;
    }

    /** Names the prompt's tags give that no file in the folder has. */
    public List<String> missing(String prompt) {
        try {
            return new LoraFolder(loraFolder()).resolve(prompt).missing();
        } catch (InvalidRequestException e) {
            return List.of();
        }
    }

    /** Shows a request's LoRAs: those its prompt does not name become the enabled entries. */
    public void showActive(List<LoraWeight> active, String prompt) {
        Set<String> named = new LinkedHashSet<>();
        try {
            PromptTags.parse(prompt).loras().forEach(t -> named.add(t.name()));
        } catch (InvalidRequestException e) {
            // nothing named
        }
        for (LoraEntry e : loras) {
            LoraWeight w = active.stream().filter(l -> l.name().equals(e.name()) && !named.contains(l.name()))
                    .findFirst().orElse(null);
            e.enabledProperty().set(w != null);
            if (w != null) {
                e.weightProperty().set(w.unetWeight());
            }
        }
    }

    /** What is active, in words, for the line under the prompts: "LoRA: a 0.80, b 0.50 · embeddings: x". */
    public String summary(String prompt, String negative) {
        List<String> parts = new ArrayList<>();
        List<String> active = forPrompt(prompt).stream()
                .map(l -> l.name() + " " + String.format(Locale.ROOT, "%.2f", l.unetWeight())).toList();
        if (!active.isEmpty()) {
            parts.add("LoRA: " + String.join(", ", active));
        }
        List<String> missing = missing(prompt);
        if (!missing.isEmpty()) {
            parts.add("not in the LoRA folder: " + String.join(", ", missing));
        }
        List<String> used = embeddings.stream().filter(n -> names(prompt, n) || names(negative, n)).toList();
        if (!used.isEmpty()) {
            parts.add("embeddings: " + String.join(", ", used));
        }
        return String.join(" · ", parts);
    }

    private static boolean names(String text, String embedding) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(embedding) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
    }

    /** A prompt with the embedding's name added at its end (after a comma when the prompt has text). */
    public static String withEmbedding(String prompt, String name) {
        String p = prompt == null ? "" : prompt.stripTrailing();
        return p.isEmpty() ? name : p + ", " + name;
    }

    public ObservableList<LoraEntry> loras() { return loras; }
    public ObservableList<String> embeddings() { return embeddings; }
    public IntegerProperty revisionProperty() { return revision; }
    /** Files in the LoRA folder that could not be read, with why. */
    public List<String> problems() { return List.copyOf(problems); }
}
