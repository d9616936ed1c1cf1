package studio.ui.settings;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InpaintArea;
import studio.engine.sampling.Samplers;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.canvas.Rect;
import studio.ui.fx.Bind;
import studio.ui.models.ModelEntry;

/** The left panel: model, prompts, sampler and numbers, seed, size, and the image-input settings. */
public final class SettingsView extends ScrollPane {

    private final VBox box = new VBox(6);

    public SettingsView(GenerationSettings s, CanvasViewModel canvas, ModelActions actions, PromptCounter counter) {
        box.setPadding(new Insets(10));
        box.getStyleClass().add("settings");

        ComboBox<ModelEntry> model = new ComboBox<>(s.models());
        model.setId("modelPicker");
        model.valueProperty().bindBidirectional(s.modelProperty());
        model.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(model, Priority.ALWAYS);
        model.setTooltip(new Tooltip("The model that draws; the default is built in, others come from the models folder"));
        Button refresh = iconButton("mdi2r-refresh", "Look for new models in the models folder");
        refresh.setId("refreshModels");
        refresh.setOnAction(e -> actions.refresh().run());
        refresh.disableProperty().bind(actions.scanning());
        Button add = iconButton("mdi2p-plus-box-outline", "Add a model: a .safetensors checkpoint (or drop one, "
                + "or a diffusers folder, on the window); it is checked first and stays where it is");
        add.setId("addModel");
        add.setOnAction(e -> actions.add().run());
        Button folder = iconButton("mdi2f-folder-cog-outline", "Choose the models folder");
        folder.setId("modelsFolder");
        folder.setOnAction(e -> actions.chooseFolder().run());
        Label details = new Label();
        details.setId("modelDetails");
        details.getStyleClass().add("model-details");
        details.setWrapText(true);
        details.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            ModelEntry m = s.modelProperty().get();
            java.nio.file.Path dir = s.modelsFolderProperty().get();
            java.nio.file.Path name = dir == null ? null : dir.getFileName();
            return (m == null ? "" : m.details()) + " · models folder: " + (name == null ? "none" : name.toString());
        }, s.modelProperty(), s.modelsFolderProperty()));
        Tooltip folderTip = new Tooltip();
        folderTip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                "Models folder: " + s.modelsFolderProperty().get(), s.modelsFolderProperty()));
        details.setTooltip(folderTip);
        model.setCellFactory(v -> new ModelCell(true));
        model.setButtonCell(new ModelCell(false));

        TextArea prompt = promptArea("prompt", s.promptProperty(), 4,
                "What to draw, e.g. red apple, noto style (the built-in emoji model) or any text for your own checkpoint");
        TextArea negative = promptArea("negativePrompt", s.negativePromptProperty(), 2,
                "What to avoid, e.g. blurry, text, watermark");
        for (TextArea box : new TextArea[] {prompt, negative}) {
            PromptCompletion.bind(box, counter::knownWords,
                    () -> s.adapters().loras().stream().map(studio.ui.loras.LoraEntry::name).toList(), s.adapters()::embeddings);
        }

        ComboBox<String> sampler = new ComboBox<>();
        sampler.getItems().setAll(Samplers.names());
        sampler.setId("sampler");
        sampler.valueProperty().bindBidirectional(s.samplerProperty());
        sampler.setMaxWidth(Double.MAX_VALUE);
        ComboBox<String> precision = new ComboBox<>();
        precision.getItems().setAll(GenerationRequest.PRECISIONS);
        precision.setId("precision");
        precision.valueProperty().bindBidirectional(s.precisionProperty());
        precision.setMaxWidth(Double.MAX_VALUE);
        precision.setTooltip(new Tooltip("The type the checkpoint's weights are held in: bf16 or fp16 halve their "
                + "memory (SD 1.5: 4.3 GB to 2.1 GB) at a small change in the picture; changing it reloads the model.\n"
                + (studio.engine.nn.Bf16Arithmetic.cpuHasIt()
                        ? "This CPU has bf16 instructions: bf16 also computes in bf16, about 1.5x faster than fp32."
                        : "This CPU has no bf16 instructions: bf16 and fp16 save memory, not time.")));
        Spinner<Integer> steps = Bind.intSpinner(s.stepsProperty(), 1, GenerationRequest.MAX_STEPS, 1);
        steps.setId("steps");
        Spinner<Double> guidance = Bind.doubleSpinner(s.guidanceProperty(), 0, GenerationRequest.MAX_GUIDANCE, 0.5);
        guidance.setId("guidance");
        steps.setTooltip(new Tooltip("Denoising steps: more is slower and usually finer"));
        guidance.setTooltip(new Tooltip("How closely to follow the prompt (CFG scale); 1 ignores the negative prompt"));

        TextField seed = Bind.longField(s.seedProperty());
        seed.setId("seed");
        HBox.setHgrow(seed, Priority.ALWAYS);
        ToggleButton lock = new ToggleButton();
        lock.setId("seedLock");
        lock.selectedProperty().bindBidirectional(s.seedLockedProperty());
        lock.graphicProperty().bind(javafx.beans.binding.Bindings.when(lock.selectedProperty())
                .then((Node) new FontIcon("mdi2l-lock")).otherwise((Node) new FontIcon("mdi2l-lock-open-variant")));
        lock.setTooltip(new Tooltip("Lock the seed; unlocked, every Generate picks a new random seed"));
        Button dice = iconButton("mdi2d-dice-multiple", "New random seed");
        dice.setId("seedRandom");
        dice.setOnAction(e -> s.randomizeSeed());
        Button reuse = iconButton("mdi2r-recycle", "Reuse the seed of the last image and lock it");
        reuse.setId("seedReuse");
        reuse.disableProperty().bind(s.lastSeedProperty().lessThan(0));
        reuse.setOnAction(e -> s.reuseLastSeed());

        Slider variation = new Slider(0, 1, s.variationStrengthProperty().get());
        variation.setId("variationStrength");
        variation.valueProperty().bindBidirectional(s.variationStrengthProperty());
        HBox.setHgrow(variation, Priority.ALWAYS);
        Label variationValue = new Label();
        variationValue.textProperty().bind(s.variationStrengthProperty().asString("%.2f"));
        variation.setTooltip(new Tooltip("Variation strength (AUTOMATIC1111's variation seed): 0 is the seed's own "
                + "picture; higher bends it towards the variation seed's, for pictures close to one you like"));
        TextField variationSeed = Bind.longField(s.variationSeedProperty());
        variationSeed.setId("variationSeed");
        HBox.setHgrow(variationSeed, Priority.ALWAYS);
        variationSeed.disableProperty().bind(s.variationStrengthProperty().isEqualTo(0, 1e-9));
        Button variationDice = iconButton("mdi2d-dice-multiple", "New random variation seed: another picture near this one");
        variationDice.setId("variationRandom");
        variationDice.setOnAction(e -> s.randomizeVariationSeed());
        variationDice.disableProperty().bind(variationSeed.disableProperty());
        GridPane vary = new GridPane();
        vary.setHgap(8);
        vary.setVgap(6);
        vary.addRow(0, new Label("Variation"), new HBox(6, variation, variationValue));
        vary.addRow(1, new Label("Var. seed"), new HBox(6, variationSeed, variationDice));

        ComboBox<SizePreset> preset = new ComboBox<>();
        // The presets follow the model: SDXL's megapixel buckets, SD's 512-based sizes, the built-in model's small ones.
        preset.getItems().setAll(SizePreset.forFamily(s.modelProperty().get() == null ? "" : s.modelProperty().get().family()));
        s.modelProperty().addListener((o, a, m) -> preset.getItems().setAll(SizePreset.forFamily(m == null ? "" : m.family())));
        preset.setId("sizePreset");
        preset.setPromptText("Size preset");
        preset.setMaxWidth(Double.MAX_VALUE);
        preset.setOnAction(e -> {
            SizePreset p = preset.getValue();
            if (p != null) {
                canvas.setFrameSize(p.width(), p.height());
            }
        });
        javafx.beans.property.IntegerProperty width = new javafx.beans.property.SimpleIntegerProperty(canvas.frameProperty().get().width());
        javafx.beans.property.IntegerProperty height = new javafx.beans.property.SimpleIntegerProperty(canvas.frameProperty().get().height());
        canvas.frameProperty().addListener((o, a, f) -> {
            width.set(f.width());
            height.set(f.height());
            SizePreset match = preset.getItems().stream()
                    .filter(p -> p.width() == f.width() && p.height() == f.height()).findFirst().orElse(null);
            if (preset.getValue() != match) {
                preset.setValue(match);
            }
        });
        width.addListener((o, a, w) -> {
            Rect f = canvas.frameProperty().get();
            if (w.intValue() != f.width()) {
                canvas.setFrameSize(w.intValue(), f.height());
            }
        });
        height.addListener((o, a, h) -> {
            Rect f = canvas.frameProperty().get();
            if (h.intValue() != f.height()) {
                canvas.setFrameSize(f.width(), h.intValue());
            }
        });
        Spinner<Integer> w = Bind.intSpinner(width, GenerationRequest.SIZE_MULTIPLE, GenerationRequest.MAX_SIDE, GenerationRequest.SIZE_MULTIPLE);
        w.setId("width");
        Spinner<Integer> h = Bind.intSpinner(height, GenerationRequest.SIZE_MULTIPLE, GenerationRequest.MAX_SIDE, GenerationRequest.SIZE_MULTIPLE);
        h.setId("height");
        w.setTooltip(new Tooltip("Frame width in pixels (multiples of 8); drag the frame's corners on the canvas too"));
        h.setTooltip(new Tooltip("Frame height in pixels (multiples of 8)"));

        Spinner<Integer> batch = Bind.intSpinner(s.batchCountProperty(), 1, GenerationRequest.MAX_BATCH, 1);
        batch.setId("batchCount");
        batch.setTooltip(new Tooltip("Images per Generate, from seeds seed, seed+1, …"));

        Slider strength = new Slider(0, 1, s.strengthProperty().get());
        strength.setId("strength");
        strength.valueProperty().bindBidirectional(s.strengthProperty());
        Label strengthValue = new Label();
        strengthValue.textProperty().bind(s.strengthProperty().asString("%.2f"));
        strength.setTooltip(new Tooltip("How much of the picture under the frame is redrawn (image to image, inpaint)"));
        HBox.setHgrow(strength, Priority.ALWAYS);
        Spinner<Integer> blur = Bind.intSpinner(s.maskBlurProperty(), 0, GenerationRequest.MAX_MASK_BLUR, 1);
        blur.setId("maskBlur");
        blur.setTooltip(new Tooltip("Feather of the mask edge in pixels"));
        ComboBox<InpaintArea> area = new ComboBox<>();
        area.getItems().setAll(InpaintArea.values());
        area.setId("inpaintArea");
        area.valueProperty().bindBidirectional(s.inpaintAreaProperty());
        // A1111's words for the two choices, not the enum's names
        area.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(InpaintArea a) {
                return a == null ? "" : a == InpaintArea.WHOLE ? "Whole picture" : "Only masked";
            }

            @Override
            public InpaintArea fromString(String text) {
                return "Only masked".equals(text) ? InpaintArea.MASKED : InpaintArea.WHOLE;
            }
        });
        area.setTooltip(new Tooltip("Whole picture: inpaint at the frame's size; Only masked: only a padded box around "
                + "the mask, at full model size"));
        area.setMaxWidth(Double.MAX_VALUE);

        GridPane numbers = new GridPane();
        numbers.setHgap(8);
        numbers.setVgap(6);
        numbers.addRow(0, new Label("Sampler"), sampler);
        numbers.addRow(1, new Label("Steps"), steps);
        numbers.addRow(2, new Label("Guidance"), guidance);
        numbers.addRow(3, new Label("Batch"), batch);
        numbers.addRow(4, new Label("Precision"), precision);
        GridPane size = new GridPane();
        size.setHgap(8);
        size.setVgap(6);
        size.addRow(0, new Label("Width"), w);
        size.addRow(1, new Label("Height"), h);
        GridPane input = new GridPane();
        input.setHgap(8);
        input.setVgap(6);
        input.addRow(0, new Label("Strength"), new HBox(6, strength, strengthValue));
        input.addRow(1, new Label("Mask blur"), blur);
        input.addRow(2, new Label("Inpaint area"), area);
        for (GridPane g : new GridPane[]{numbers, size, input, vary}) {
            javafx.scene.layout.ColumnConstraints c0 = new javafx.scene.layout.ColumnConstraints(80);
            javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints();
            c1.setHgrow(Priority.ALWAYS);
            c1.setFillWidth(true);
            g.getColumnConstraints().setAll(c0, c1);
        }
        for (Spinner<?> sp : new Spinner<?>[]{steps, guidance, batch, w, h, blur}) {
            sp.setMaxWidth(Double.MAX_VALUE);
        }

        Label active = new Label();
        active.setId("activeAdapters");
        active.setWrapText(true);
        active.getStyleClass().add("model-details");
        active.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> s.adapters().summary(s.promptProperty().get(), s.negativePromptProperty().get()),
                s.promptProperty(), s.negativePromptProperty(), s.adapters().revisionProperty(), s.adapters().embeddings()));

        box.getChildren().addAll(
                section("Model"), new HBox(6, model, refresh, add, folder), details,
                section("Prompt"), prompt, countLine("promptCount", counter, s.promptProperty(), true),
                section("Negative prompt"), negative, countLine("negativeCount", counter, s.negativePromptProperty(), false),
                active,
                section("LoRAs and embeddings"),
                new studio.ui.loras.AdaptersView(s.adapters(), s.promptProperty(), s.negativePromptProperty()),
                section("Sampling"), numbers,
                section("Seed"), new HBox(6, seed, lock, dice, reuse), vary,
                section("Size"), preset, size,
                section("Image input"), input);
        setContent(box);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setId("settingsPanel");
    }

    /** Adds a titled section at the end of the panel (the ControlNet layer's, say). */
    public void addSection(String title, Node content) {
        box.getChildren().addAll(section(title), content);
    }

    /** A model in the picker: its name, with family and size in the drop-down list. */
    private static final class ModelCell extends javafx.scene.control.ListCell<ModelEntry> {
        private final boolean withDetails;

        ModelCell(boolean withDetails) {
            this.withDetails = withDetails;
        }

        @Override
        protected void updateItem(ModelEntry item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : withDetails ? item.name() + "\n" + item.details() : item.name());
            setTooltip(empty || item == null ? null : new Tooltip(item.name() + "\n" + item.details() + "\n" + item.id()));
        }
    }

    /**
     * A wrapping text area of {@code rows} rows, two-way bound to {@code text}, with a hint while empty;
     * Ctrl+Up / Ctrl+Down weigh the word at the caret or the selection ({@link EmphasisEdit}).
     */
    private static TextArea promptArea(String id, StringProperty text, int rows, String hint) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPromptText(hint);
        area.setWrapText(true);
        area.setPrefRowCount(rows);
        area.textProperty().bindBidirectional(text);
        area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            boolean up = e.getCode() == javafx.scene.input.KeyCode.UP;
            if (e.isShortcutDown() && (up || e.getCode() == javafx.scene.input.KeyCode.DOWN)) {
                EmphasisEdit.Result r = EmphasisEdit.apply(area.getText(), area.getAnchor(), area.getCaretPosition(),
                        up ? EmphasisEdit.STEP : -EmphasisEdit.STEP);
                if (r != null) {
                    area.replaceText(0, area.getLength(), r.text()); // one undoable edit
                    area.selectRange(r.selectionStart(), r.selectionEnd());
                }
                e.consume();
            }
        });
        return area;
    }

    /** The counter under a prompt box; in the warning colour while it names words the model does not know. */
    private static Label countLine(String id, PromptCounter counter, StringProperty text, boolean positive) {
        Label line = new Label();
        line.setId(id);
        line.getStyleClass().add("prompt-count");
        line.setWrapText(true);
        javafx.beans.binding.ObjectBinding<studio.engine.text.PromptReading> reading = counter.reading(text, positive);
        line.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> PromptCounter.describe(reading.get()), reading));
        javafx.css.PseudoClass unknown = javafx.css.PseudoClass.getPseudoClass("unknown-words");
        reading.addListener((o, a, r) -> line.pseudoClassStateChanged(unknown, r != null && !r.unknownWords().isEmpty()));
        line.pseudoClassStateChanged(unknown, reading.get() != null && !reading.get().unknownWords().isEmpty());
        // The key hint lives here, not on the box: a tooltip over the box would open while the user types.
        line.setTooltip(new Tooltip("Tokens the prompt takes of the model's text windows (75 each for CLIP; a longer "
                + "prompt continues in another window). A model with a word vocabulary, like the built-in one, reads a "
                + "word it does not know as one unknown token, which draws nothing.\n"
                + "Ctrl+Up / Ctrl+Down in the box: more or less weight for the word at the caret or the selection, "
                + "written (word:1.1), as in AUTOMATIC1111."));
        line.getTooltip().setWrapText(true);
        line.getTooltip().setPrefWidth(420);
        line.managedProperty().bind(line.textProperty().isNotEmpty());
        line.visibleProperty().bind(line.managedProperty());
        return line;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("section-title", "text-caption");
        return l;
    }

    private static Button iconButton(String icon, String tooltip) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tooltip));
        return b;
    }
}
