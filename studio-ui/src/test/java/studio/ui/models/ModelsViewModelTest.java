package studio.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.ui.notices.Notice;
import studio.ui.notices.Notices;
import studio.ui.settings.GenerationSettings;
import studio.ui.status.StatusViewModel;
import studio.ui.testing.Checkpoints;
import studio.ui.testing.CurrentThreadTaskExecutor;

/**
 * The models list as a user drives it, with the scans run on the test's own thread: no FX toolkit,
 * no waiting; each outcome is there when the call returns.
 */
class ModelsViewModelTest {
    @TempDir
    Path tmp;

    private final Notices notices = new Notices(offer -> { });

    private ModelsViewModel models(GenerationSettings settings) {
        return new ModelsViewModel(settings, new StatusViewModel("CPU"), CurrentThreadTaskExecutor.INSTANCE, notices);
    }

    @Test
    void aScanListsTheUsableCheckpointsAndNamesTheBrokenOnes() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("models"));
        Checkpoints.small(folder.resolve("tiny-sd.safetensors"));
        Files.writeString(folder.resolve("broken.safetensors"), "not a checkpoint");
        GenerationSettings settings = new GenerationSettings(folder);
        ModelsViewModel models = models(settings);

        models.refresh();

        assertFalse(models.scanningProperty().get(), "the scan is over when refresh returns");
        List<String> names = settings.models().stream().map(ModelEntry::name).toList();
        assertTrue(names.contains("tiny-sd"), "the usable checkpoint is listed: " + names);
        assertFalse(names.stream().anyMatch(n -> n.contains("broken")), names.toString());
        Notice notice = notices.noticeProperty().get();
        assertEquals(Notice.Kind.ERROR, notice.kind());
        assertTrue(notice.text().startsWith("Models: broken.safetensors"), notice.text());
    }

    @Test
    void aModelThatCannotBeUsedIsRefusedInWordsAndNothingIsAdded() throws IOException {
        GenerationSettings settings = new GenerationSettings(tmp.resolve("models"));
        ModelsViewModel models = models(settings);
        Path pickle = Files.writeString(tmp.resolve("old.ckpt"), "pickle");

        models.add(pickle);

        assertTrue(settings.addedModels().isEmpty());
        Notice notice = notices.noticeProperty().get();
        assertEquals(Notice.Kind.ERROR, notice.kind());
        assertTrue(notice.text().startsWith("Cannot add old.ckpt as a model: "), notice.text());
        assertTrue(notice.text().contains("convert it to safetensors first"), notice.text());

        Path elsewhere = Checkpoints.small(Files.createDirectories(tmp.resolve("elsewhere")).resolve("other.safetensors"));
        models.add(elsewhere);
        assertEquals(List.of(elsewhere.toString()), List.copyOf(settings.addedModels()));
        assertEquals("other", settings.modelProperty().get().name(), "an added model is picked");
        assertEquals(Notice.Kind.INFO, notices.noticeProperty().get().kind());
    }

    @Test
    void choosingAFolderThatDoesNotExistSaysSoAndKeepsTheBuiltInModel() {
        GenerationSettings settings = new GenerationSettings(tmp.resolve("models"));
        ModelsViewModel models = models(settings);
        models.setFolder(tmp.resolve("not-there"));
        assertEquals(tmp.resolve("not-there"), settings.modelsFolderProperty().get());
        assertEquals(List.of(ModelEntry.DEFAULT), List.copyOf(settings.models()));
        Notice notice = notices.noticeProperty().get();
        assertEquals(Notice.Kind.ERROR, notice.kind());
        assertTrue(notice.text().contains("not-there does not exist; choose another one or create it"), notice.text());
    }
}
