package studio.ui.settings;

import java.util.concurrent.ThreadLocalRandom;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.engine.api.GenerationRequest;
import studio.ui.loras.Adapters;
import studio.engine.api.InpaintArea;
import studio.engine.api.Variation;
import studio.engine.io.ParsedParameters;
import studio.ui.models.ModelEntry;

/**
 * The generation settings of the left panel, as properties the view binds to. The frame on the
 * canvas owns the size; everything else that goes into a {@link GenerationRequest} lives here.
 */
public final class GenerationSettings {
    /** Seeds stay in the 32-bit range other tools use, so a seed can be typed into any of them. */
    static final long SEED_BOUND = 1L << 32;

    private final ObservableList<ModelEntry> models = FXCollections.observableArrayList(ModelEntry.DEFAULT);
    private final ObjectProperty<Path> modelsFolder = new SimpleObjectProperty<>(this, "modelsFolder");
    /** Models added by dialog or drop that live outside the models folder, by id (their path). */
    private final ObservableList<String> addedModels = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> model = new SimpleObjectProperty<>(this, "model", ModelEntry.DEFAULT);
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final StringProperty negativePrompt = new SimpleStringProperty(this, "negativePrompt", "");
    private final StringProperty sampler = new SimpleStringProperty(this, "sampler");
    private final StringProperty precision = new SimpleStringProperty(this, "precision", "fp32");
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps");
    private final DoubleProperty guidance = new SimpleDoubleProperty(this, "guidance");
    private final LongProperty seed = new SimpleLongProperty(this, "seed");
    /** A1111's variation seed and strength; strength 0 is no variation. */
    private final LongProperty variationSeed = new SimpleLongProperty(this, "variationSeed");
    private final DoubleProperty variationStrength = new SimpleDoubleProperty(this, "variationStrength");
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(this, "seedLocked", false);
    private final LongProperty lastSeed = new SimpleLongProperty(this, "lastSeed", -1);
    private final IntegerProperty batchCount = new SimpleIntegerProperty(this, "batchCount");
    private final DoubleProperty strength = new SimpleDoubleProperty(this, "strength");
    private final IntegerProperty maskBlur = new SimpleIntegerProperty(this, "maskBlur");
    private final ObjectProperty<InpaintArea> inpaintArea = new SimpleObjectProperty<>(this, "inpaintArea");

    private final Adapters adapters;

    public GenerationSettings(Path modelsFolder) {
        this.modelsFolder.set(modelsFolder);
        adapters = new Adapters(modelsFolder);
        this.modelsFolder.addListener((o, a, b) -> adapters.setModelsFolder(b));
        GenerationRequest defaults = GenerationRequest.builder().build();
        setFrom(defaults);
        batchCount.set(defaults.batchSize());
    }

    /**
     * Shows a fresh scan of the models. The chosen model stays chosen if the scan found it.
     *
     * @return the chosen model's id when it is no longer available (the default is chosen instead), else null
     */
    public String setModels(List<ModelEntry> scanned) {
        ModelEntry chosen = model.get();
        List<ModelEntry> list = new ArrayList<>(scanned);
        if (list.stream().noneMatch(ModelEntry::isDefault)) {
            list.add(0, ModelEntry.DEFAULT);
        }
        models.setAll(list);
        ModelEntry same = chosen == null ? null
                : list.stream().filter(m -> m.id().equals(chosen.id())).findFirst().orElse(null);
        model.set(same != null ? same : list.get(0));
        return same == null && chosen != null && !chosen.isDefault() ? chosen.id() : null;
    }

    /** Adds a checked model that lives outside the models folder, remembers it, and chooses it. */
    public void addModel(ModelEntry entry) {
        if (!addedModels.contains(entry.id()) && !inModelsFolder(entry.id())) {
            addedModels.add(entry.id());
        }
        models.removeIf(m -> m.id().equals(entry.id()));
        models.add(entry);
        model.set(entry);
    }

    private boolean inModelsFolder(String id) {
        Path folder = modelsFolder.get();
        Path parent = Path.of(id).toAbsolutePath().normalize().getParent();
        return folder != null && parent != null && parent.equals(folder.toAbsolutePath().normalize());
    }

    /**
     * Chooses the model with this id; one the list does not know yet (restored before the first scan,
     * or from a history entry) is listed until the next scan says what it is.
     */
    public void selectModel(String id) {
        ModelEntry entry = models.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
        if (entry == null) {
            Path name = Path.of(id).getFileName();
            entry = new ModelEntry(id, name == null ? id : name.toString(), "not checked yet");
            models.add(entry);
        }
        model.set(entry);
    }

    /** Picks a new random seed now and shows it. */
    public void randomizeSeed() {
        seed.set(ThreadLocalRandom.current().nextLong(SEED_BOUND));
    }

    /** A new random variation seed: another picture near the seed's, at the same strength. */
    public void randomizeVariationSeed() {
        variationSeed.set(ThreadLocalRandom.current().nextLong(SEED_BOUND));
    }

    /** Puts the seed of the last generation back and locks it, to vary other settings around one image. */
    public void reuseLastSeed() {
        if (lastSeed.get() >= 0) {
            seed.set(lastSeed.get());
            seedLocked.set(true);
        }
    }

    /**
     * The seed for the next generation: the shown seed when locked, else a fresh random one, which
     * is then shown. Remembered as the last seed.
     */
    public long takeSeedForGeneration() {
        if (!seedLocked.get()) {
            randomizeSeed();
        }
        lastSeed.set(seed.get());
        return seed.get();
    }

    /** A request from these settings at this size and seed, without image inputs. */
    public GenerationRequest.Builder toRequest(int width, int height, long seedValue) {
        return GenerationRequest.builder()
                .prompt(prompt.get())
                .negativePrompt(negativePrompt.get())
                .size(width, height)
                .steps(steps.get())
                .guidanceScale(guidance.get())
                .seed(seedValue)
                .variation(variationStrength.get() > 0
                        ? new Variation(variationSeed.get(), variationStrength.get())
                        : Variation.NONE)
                .sampler(sampler.get())
                .precision(precision.get())
                .batchSize(batchCount.get())
                .modelId(model.get() == null ? null : model.get().id())
                .strength(strength.get())
                .maskBlur(maskBlur.get())
                .inpaintArea(inpaintArea.get())
                .loras(adapters.forPrompt(prompt.get()))
                .embeddingFolder(adapters.embeddingFolder() == null ? null : adapters.embeddingFolder().toString());
    }

    /**
     * Shows a request's settings: the one mapping from a request to this panel, the reverse of
     * {@link #toRequest}. The model, the batch count and the seed lock are left to the caller: a
     * history entry's request is one item of its batch, and only some callers lock the seed.
     */
    public void setFrom(GenerationRequest r) {
        prompt.set(r.prompt());
        negativePrompt.set(r.negativePrompt());
        sampler.set(r.sampler());
        precision.set(r.precision());
        steps.set(r.steps());
        guidance.set(r.guidanceScale());
        seed.set(r.seed());
        variationSeed.set(r.variation().seed());
        variationStrength.set(r.variation().strength());
        strength.set(r.strength());
        maskBlur.set(r.maskBlur());
        inpaintArea.set(r.inpaintArea());
        adapters.showActive(r.loras(), r.prompt());
    }

    /** Takes over the settings of an earlier request (history: "use parameters"). */
    public void restoreFrom(GenerationRequest r) {
        setFrom(r);
        seedLocked.set(true);
        selectModel(r.modelId());
    }

    /**
     * Takes over what a PNG's parameters say (from this studio or another tool): prompt, negative
     * prompt, seed (locked, so the image can be remade), steps, sampler and guidance. Settings the
     * PNG does not carry, or carries in a form this studio cannot use, are left as they are. The
     * size is the frame's business and is returned by {@link ParsedParameters#width()}.
     *
     * @throws studio.engine.api.InvalidRequestException when a setting is present but not a number
     */
    public void applyParameters(ParsedParameters p) {
        // Settings the PNG lacks come from the current request, so they are shown unchanged.
        setFrom(p.applyTo(toRequest(64, 64, seed.get())).build());
        if (p.seed().isPresent()) {
            seedLocked.set(true);
        }
    }

    /** Every property a request depends on, for bindings and autosave. */
    public Observable[] observables() {
        return new Observable[]{model, prompt, negativePrompt, sampler, precision, steps, guidance, seed, seedLocked, lastSeed,
                variationSeed, variationStrength,
                batchCount, strength, maskBlur, inpaintArea, adapters.revisionProperty()};
    }

    public ObservableList<ModelEntry> models() { return models; }
    /** The models folder's LoRAs and embeddings, and which LoRAs are enabled. */
    public Adapters adapters() { return adapters; }
    public ObjectProperty<Path> modelsFolderProperty() { return modelsFolder; }
    public ObservableList<String> addedModels() { return addedModels; }
    public ObjectProperty<ModelEntry> modelProperty() { return model; }
    public StringProperty promptProperty() { return prompt; }
    public StringProperty negativePromptProperty() { return negativePrompt; }
    public StringProperty samplerProperty() { return sampler; }
    /** fp32, bf16 or fp16: the type a checkpoint's weights are held in (bf16/fp16 halve their memory). */
    public StringProperty precisionProperty() { return precision; }
    public IntegerProperty stepsProperty() { return steps; }
    public DoubleProperty guidanceProperty() { return guidance; }
    public LongProperty seedProperty() { return seed; }
    public BooleanProperty seedLockedProperty() { return seedLocked; }
    public LongProperty lastSeedProperty() { return lastSeed; }
    public LongProperty variationSeedProperty() { return variationSeed; }
    public DoubleProperty variationStrengthProperty() { return variationStrength; }
    public IntegerProperty batchCountProperty() { return batchCount; }
    public DoubleProperty strengthProperty() { return strength; }
    public IntegerProperty maskBlurProperty() { return maskBlur; }
    public ObjectProperty<InpaintArea> inpaintAreaProperty() { return inpaintArea; }
}
