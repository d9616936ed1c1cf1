package studio.ui.loras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.engine.api.GenerationRequest;
import studio.engine.api.LoraWeight;
import studio.ui.main.StudioViewModel;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioFixture;

/**
 * The LoRA panel as a person uses it: the models folder's LoRAs listed with their family, one enabled
 * and weighted by its slider, an embedding put into the negative prompt from the list, a LoRA named by
 * a prompt tag; the line under the prompts says what is active, and Generate sends all of it.
 */
@ExtendWith(ApplicationExtension.class)
class AdaptersFlowTest {
    private static final Path GOLDEN = Path.of("..", "studio-engine", "src", "test", "resources", "golden", "lora");
    private StudioFixture studio;
    private StudioViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        studio = StudioFixture.synthetic(0);
        Path loras = Files.createDirectories(studio.models.resolve("loras"));
        Path embeddings = Files.createDirectories(studio.models.resolve("embeddings"));
        for (String name : List.of("kohya_linear", "peft")) {
            Files.copy(GOLDEN.resolve(name + ".safetensors"), loras.resolve(name + ".safetensors"));
        }
        Files.writeString(loras.resolve("notes.safetensors"), "not a safetensors file");
        Files.copy(GOLDEN.resolve("embeddings/negemb.safetensors"), embeddings.resolve("negemb.safetensors"));
        vm = studio.open(stage).viewModel();
        vm.settings().stepsProperty().set(2);
    }

    @AfterEach
    void tearDown() {
        if (studio != null) {
            studio.close();
        }
    }

    private static void reveal(FxRobot robot, String id) {
        ScrollPane panel = robot.lookup("#settingsPanel").queryAs(ScrollPane.class);
        Fx.run(() -> {
            var node = robot.lookup(id).query();
            double y = node.localToScene(0, 0).getY() - panel.getContent().localToScene(0, 0).getY();
            double h = panel.getContent().getBoundsInLocal().getHeight() - panel.getViewportBounds().getHeight();
            panel.setVvalue(Math.max(0, Math.min(1, (y - 40) / Math.max(1, h))));
        });
    }

    @Test
    void enableWeightInsertAndGenerate(FxRobot robot) {
        robot.clickOn("#prompt").write("a fox <lora:peft:0.5>");

        reveal(robot, "#lora-kohya_linear");
        CheckBox kohya = robot.lookup("#lora-kohya_linear").queryAs(CheckBox.class);
        assertEquals(2, Fx.call(() -> vm.settings().adapters().loras().size()), "the unreadable file is left out");
        String note = Fx.call(() -> robot.lookup("#loraFolderNote").queryAs(Label.class).getText());
        assertTrue(note.startsWith("Not usable: ") && note.contains("notes.safetensors"), note);
        robot.clickOn(kohya);
        assertTrue(Fx.call(kohya::isSelected));
        Slider weight = robot.lookup("#loraWeight-kohya_linear").queryAs(Slider.class);
        Fx.run(() -> weight.setValue(0.8));

        reveal(robot, "#embeddingPicker");
        robot.clickOn("#embeddingPicker").clickOn("negemb");
        robot.clickOn("#insertNegativeEmbedding");
        assertEquals("negemb", Fx.call(() -> vm.settings().negativePromptProperty().get()));

        String active = Fx.call(() -> robot.lookup("#activeAdapters").queryAs(Label.class).getText());
        assertEquals("LoRA: peft 0.50, kohya_linear 0.80 · embeddings: negemb", active);

        robot.clickOn("#generate");
        Fx.waitUntil("generation finished", 20, () -> !vm.generation().runningProperty().get() && vm.generation().lastRequestProperty().get() != null);
        GenerationRequest sent = Fx.call(() -> vm.generation().lastRequestProperty().get());
        assertEquals("a fox <lora:peft:0.5>", sent.prompt());
        assertEquals(List.of("peft", "kohya_linear"), sent.loras().stream().map(LoraWeight::name).toList());
        assertEquals(0.8, sent.loras().get(1).unetWeight(), 1e-9);
        assertEquals(0.5, sent.loras().get(0).unetWeight(), 1e-9);
        assertEquals(studio.models.resolve("embeddings").toString(), sent.embeddingFolder());
    }

    @Test
    void enabledLorasAndWeightsSurviveARestart(FxRobot robot) {
        Fx.run(() -> {
            LoraEntry peft = vm.settings().adapters().loras().stream().filter(l -> l.name().equals("peft")).findFirst().orElseThrow();
            peft.enabledProperty().set(true);
            peft.weightProperty().set(-0.4);
        });
        new studio.ui.testing.StudioDriver(robot, studio).waitAutosaved();
        Path root = studio.root;
        Fx.run(() -> studio.window.stage().hide());
        studio.close(); // writes the session, as closing the window does
        studio = null;
        StudioFixture again = StudioFixture.synthetic(root, 0);
        try {
            StudioViewModel reopened = Fx.call(() -> again.open(new Stage())).viewModel();
            assertEquals(List.of("peft -0.40"), Fx.call(() -> reopened.settings().adapters().loras().stream()
                    .filter(l -> l.enabledProperty().get())
                    .map(l -> l.name() + String.format(java.util.Locale.ROOT, " %.2f", l.weightProperty().get())).toList()));
        } finally {
            Fx.run(() -> again.window.stage().hide());
            again.close();
        }
    }

    @Test
    void aTagNamingNoFileIsShownAndRefusedBeforeGenerating(FxRobot robot) {
        robot.clickOn("#prompt").write("a fox <lora:nosuch:1>");
        String active = Fx.call(() -> robot.lookup("#activeAdapters").queryAs(Label.class).getText());
        assertEquals("not in the LoRA folder: nosuch", active);
        List<String> problems = Fx.call(() -> vm.settings().toRequest(64, 64, 1).build().problems());
        assertTrue(problems.get(0).contains("'nosuch'"), problems.toString());
    }
}
