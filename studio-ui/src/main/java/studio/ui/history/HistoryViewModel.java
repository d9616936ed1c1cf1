package studio.ui.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.api.ModelName;
import studio.engine.io.A1111Parameters;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.files.EngineImageFiles;
import studio.ui.files.ImageFiles;
import studio.ui.fx.TaskExecutor;
import studio.ui.fx.FxImages;
import studio.ui.persist.HistoryRecord;
import studio.ui.settings.GenerationSettings;

/** Every result of this and earlier sessions, newest first, with the commands on one entry. */
public final class HistoryViewModel {
    public static final int THUMBNAIL_SIDE = 96;
    /** Older entries are dropped from the list (their files stay on disk). */
    public static final int MAX_ENTRIES = 500;
    /** The newest results keep their pixels in memory; older ones are read from their files when opened. */
    static final int IN_MEMORY = 16;

    private final GenerationSettings settings;
    private final CanvasViewModel canvas;
    private final ImageFiles files;
    private final TaskExecutor executor;
    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<HistoryEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Image> selectedImage = new SimpleObjectProperty<>(this, "selectedImage");

    public HistoryViewModel(GenerationSettings settings, CanvasViewModel canvas, ImageFiles files, TaskExecutor executor) {
        this.settings = settings;
        this.canvas = canvas;
        this.files = files;
        this.executor = executor;
    }

    /** Adds a fresh result at the top. */
    public HistoryEntry add(EngineEvent.Result result) {
        HistoryEntry entry = new HistoryEntry(result.parameters(), result.savedTo(),
                FxImages.thumbnail(result.image(), THUMBNAIL_SIDE), Instant.now(), result.image());
        entries.add(0, entry);
        if (entries.size() > IN_MEMORY) {
            entries.get(IN_MEMORY).releasePixels();
        }
        if (entries.size() > MAX_ENTRIES) {
            entries.remove(MAX_ENTRIES, entries.size());
        }
        return entry;
    }

    /** A thumbnail of a saved result loaded by JavaFX in the background (restored entries). */
    public static Image thumbnailOf(Path file) {
        return new Image(file.toUri().toString(), THUMBNAIL_SIDE, THUMBNAIL_SIDE, true, true, true);
    }

    /**
     * Shows the entry in the history's viewer: its pixels when in memory, else its thumbnail at
     * once and the full picture when read from its file in the background.
     */
    public void show(HistoryEntry entry) {
        selected.set(entry);
        if (entry == null) {
            selectedImage.set(null);
            return;
        }
        if (entry.inMemory()) {
            selectedImage.set(FxImages.toFx(entry.imageInMemory()));
            return;
        }
        selectedImage.set(entry.thumbnail());
        executor.run(() -> entry.image(files), image -> {
            if (selected.get() == entry) {
                selectedImage.set(FxImages.toFx(image));
            }
        }, error -> {
            // the file is gone or unreadable: the thumbnail still shows what it was
        });
    }

    /**
     * Takes over the entry's prompt, seed, settings and size (the seed is locked so the image can be
     * remade; the frame takes the size).
     */
    public void useParameters(HistoryEntry entry) {
        settings.restoreFrom(entry.parameters());
        canvas.setFrameSize(entry.parameters().width(), entry.parameters().height());
    }

    /** The saved entries, newest first, for the autosave; results kept only in memory are left out. */
    public List<HistoryRecord> records() {
        List<HistoryRecord> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.savedTo() != null) {
                GenerationRequest r = e.parameters();
                out.add(new HistoryRecord(e.savedTo().toString(),
                        A1111Parameters.format(r, ModelName.of(r.modelId())), r.modelId(),
                        e.created().toEpochMilli()));
            }
        }
        return out;
    }

    /**
     * Puts autosaved entries back under the current ones. Entries whose file is gone are skipped:
     * the history shows only what can still be opened.
     *
     * @return how many entries were skipped
     */
    public int restore(List<HistoryRecord> records) {
        List<HistoryEntry> restored = new ArrayList<>();
        int skipped = 0;
        for (HistoryRecord rec : records) {
            Path file = Path.of(rec.file());
            if (!Files.isRegularFile(file) || restored.size() + entries.size() >= MAX_ENTRIES) {
                skipped++;
                continue;
            }
            try {
                GenerationRequest r = A1111Parameters.parse(rec.parameters())
                        .applyTo(GenerationRequest.builder()).modelId(rec.modelId()).build();
                restored.add(new HistoryEntry(r, file, thumbnailOf(file), Instant.ofEpochMilli(rec.createdMillis()), null));
            } catch (RuntimeException e) {
                skipped++;
            }
        }
        entries.addAll(restored);
        return skipped;
    }

    public ObservableList<HistoryEntry> entries() { return entries; }
    public ObjectProperty<HistoryEntry> selectedProperty() { return selected; }
    public ObjectProperty<Image> selectedImageProperty() { return selectedImage; }
}
