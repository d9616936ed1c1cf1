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
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InpaintArea;
import studio.ui.models.ModelCatalog;
import studio.ui.models.ModelEntry;

/**
 * The generation settings of the left panel, as properties the view binds to. The frame on the
 * canvas owns the size; everything else that goes into a {@link GenerationRequest} lives here.
 */
public final class GenerationSettings {
    /** Seeds stay in the 32-bit range other tools use, so a seed can be typed into any of them. */
    static final long SEED_BOUND = 1L << 32;

    private final ModelCatalog catalog;
    private final ObservableList<ModelEntry> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> model = new SimpleObjectProperty<>(this, "model", ModelEntry.DEFAULT);
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final StringProperty negativePrompt = new SimpleStringProperty(this, "negativePrompt", "");
    private final StringProperty sampler = new SimpleStringProperty(this, "sampler");
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps");
    private final DoubleProperty guidance = new SimpleDoubleProperty(this, "guidance");
    private final LongProperty seed = new SimpleLongProperty(this, "seed");
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(this, "seedLocked", false);
    private final LongProperty lastSeed = new SimpleLongProperty(this, "lastSeed", -1);
    private final IntegerProperty batchCount = new SimpleIntegerProperty(this, "batchCount");
    private final DoubleProperty strength = new SimpleDoubleProperty(this, "strength");
    private final IntegerProperty maskBlur = new SimpleIntegerProperty(this, "maskBlur");
    private final ObjectProperty<InpaintArea> inpaintArea = new SimpleObjectProperty<>(this, "inpaintArea");

    public GenerationSettings(ModelCatalog catalog) {
        this.catalog = catalog;
        GenerationRequest defaults = GenerationRequest.builder().build();
        sampler.set(defaults.sampler());
        steps.set(defaults.steps());
        guidance.set(defaults.guidanceScale());
        seed.set(defaults.seed());
        batchCount.set(defaults.batchSize());
        strength.set(defaults.strength());
        maskBlur.set(defaults.maskBlur());
        inpaintArea.set(defaults.inpaintArea());
        refreshModels();
    }

    /** Reads the catalog again, keeping the chosen model if it is still there. */
    public void refreshModels() {
        ModelEntry chosen = model.get();
        models.setAll(catalog.models());
        if (models.isEmpty()) {
            models.add(ModelEntry.DEFAULT);
        }
        model.set(models.stream().filter(m -> m.id().equals(chosen == null ? null : chosen.id()))
                .findFirst().orElse(models.get(0)));
    }

    /** Chooses the model with this id, adding it to the list if the catalog does not know it. */
    public void selectModel(String id) {
        ModelEntry entry = models.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
        if (entry == null) {
            entry = new ModelEntry(id, java.nio.file.Path.of(id).getFileName().toString() + " (not in models folder)");
            models.add(entry);
        }
        model.set(entry);
    }

    /** Picks a new random seed now and shows it. */
    public void randomizeSeed() {
        seed.set(ThreadLocalRandom.current().nextLong(SEED_BOUND));
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
                .sampler(sampler.get())
                .batchSize(batchCount.get())
                .modelId(model.get() == null ? null : model.get().id())
                .strength(strength.get())
                .maskBlur(maskBlur.get())
                .inpaintArea(inpaintArea.get());
    }

    /** Takes over the settings of an earlier request (history: "use parameters"). */
    public void restoreFrom(GenerationRequest r) {
        prompt.set(r.prompt());
        negativePrompt.set(r.negativePrompt());
        sampler.set(r.sampler());
        steps.set(r.steps());
        guidance.set(r.guidanceScale());
        seed.set(r.seed());
        seedLocked.set(true);
        strength.set(r.strength());
        maskBlur.set(r.maskBlur());
        inpaintArea.set(r.inpaintArea());
        selectModel(r.modelId());
    }

    /** Every property a request depends on, for bindings and autosave. */
    public Observable[] observables() {
        return new Observable[]{model, prompt, negativePrompt, sampler, steps, guidance, seed, seedLocked, lastSeed,
                batchCount, strength, maskBlur, inpaintArea};
    }

    public ObservableList<ModelEntry> models() { return models; }
    public ObjectProperty<ModelEntry> modelProperty() { return model; }
    public StringProperty promptProperty() { return prompt; }
    public StringProperty negativePromptProperty() { return negativePrompt; }
    public StringProperty samplerProperty() { return sampler; }
    public IntegerProperty stepsProperty() { return steps; }
    public DoubleProperty guidanceProperty() { return guidance; }
    public LongProperty seedProperty() { return seed; }
    public BooleanProperty seedLockedProperty() { return seedLocked; }
    public LongProperty lastSeedProperty() { return lastSeed; }
    public IntegerProperty batchCountProperty() { return batchCount; }
    public DoubleProperty strengthProperty() { return strength; }
    public IntegerProperty maskBlurProperty() { return maskBlur; }
    public ObjectProperty<InpaintArea> inpaintAreaProperty() { return inpaintArea; }
}
