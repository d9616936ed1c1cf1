package studio.ui.flows;

import studio.ui.settings.SizePreset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.ui.models.ModelEntry;
import studio.ui.testing.Checkpoints;
import studio.ui.testing.Fx;
import studio.ui.notices.Notice;

/** The picker lists the default model and what the models folder holds, with family and size; added models are checked first. */
class ModelPickerFlowTest extends FlowTestBase {
    @TempDir
    Path dir;

    @Test
    void folderScanAddAndRefusal(FxRobot robot) throws Exception {
        ComboBox<?> picker = robot.lookup("#modelPicker").queryComboBox();
        ComboBox<?> presets = robot.lookup("#sizePreset").queryComboBox();
        assertEquals(List.of(ModelEntry.DEFAULT), Fx.call(() -> List.copyOf(vm.settings().models())));
        assertEquals("default", Fx.call(() -> vm.status().modelProperty().get()), "the status bar names the model");

        Path folder = Files.createDirectories(dir.resolve("my models"));
        Checkpoints.small(folder.resolve("tiny-sd.safetensors"));
        Files.writeString(folder.resolve("broken.safetensors"), "not a checkpoint");
        Fx.run(() -> vm.models().setFolder(folder));
        Fx.waitUntil("the scan", 30, () -> !vm.models().scanningProperty().get() && vm.settings().models().size() == 2);
        ModelEntry tiny = Fx.call(() -> vm.settings().models().get(1));
        assertEquals("tiny-sd", tiny.name());
        assertTrue(tiny.details().startsWith("SD 1.x layout, custom size · ") && tiny.details().endsWith(" MB"), tiny.details());
        String problem = Fx.call(() -> vm.notices().noticeProperty().get().text());
        assertTrue(problem.startsWith("Models: broken.safetensors"), "the unusable file is named: " + problem);
        assertEquals(2, Fx.call(() -> picker.getItems().size()));

        Fx.run(() -> vm.settings().modelProperty().set(tiny));
        String details = Fx.call(() -> robot.lookup("#modelDetails").queryAs(Label.class).getText());
        assertEquals(tiny.details() + " · models folder: my models", details);
        assertEquals("tiny-sd", Fx.call(() -> vm.status().modelProperty().get()));
        assertEquals("SD 1.x layout, custom size", tiny.family());
        assertEquals(SizePreset.forFamily(tiny.family()), Fx.call(() -> List.copyOf(presets.getItems())),
                "the size presets follow the model: SD's 512-based sizes");
        Fx.run(() -> vm.settings().modelProperty().set(ModelEntry.DEFAULT));
        assertEquals(SizePreset.forFamily(ModelEntry.DEFAULT.family()),
                Fx.call(() -> List.copyOf(presets.getItems())), "the built-in model's small sizes");
        Fx.run(() -> vm.settings().modelProperty().set(tiny));

        Path elsewhere = Checkpoints.small(dir.resolve("other-model.safetensors"));
        Fx.run(() -> vm.models().add(elsewhere));
        Fx.waitUntil("the added model", 30, () -> vm.settings().modelProperty().get().name().equals("other-model"));
        assertEquals(List.of(elsewhere.toString()), Fx.call(() -> List.copyOf(vm.settings().addedModels())));
        assertEquals(3, Fx.call(() -> picker.getItems().size()));

        Path pickle = Files.writeString(dir.resolve("old.ckpt"), "pickle");
        Fx.run(() -> vm.models().add(pickle));
        Fx.waitUntil("the refusal", 30, () -> vm.notices().noticeProperty().get().text().startsWith("Cannot add old.ckpt"));
        Notice refusal = Fx.call(() -> vm.notices().noticeProperty().get());
        assertEquals(Notice.Kind.ERROR, refusal.kind());
        assertTrue(refusal.text().contains("convert it to safetensors first"), refusal.text());
        assertEquals("other-model", Fx.call(() -> vm.settings().modelProperty().get().name()), "the choice is kept");
    }
}
