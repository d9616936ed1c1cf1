package studio.ui.history;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import studio.engine.api.EngineEvent;
import studio.engine.image.RgbImage;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.files.ImageFiles;
import studio.ui.fx.FxImages;
import studio.ui.settings.GenerationSettings;

/** Every result of this and earlier sessions, newest first, with the commands on one entry. */
public final class HistoryViewModel {
    public static final int THUMBNAIL_SIDE = 96;
    /** Older entries are dropped from the list (their files stay on disk). */
    public static final int MAX_ENTRIES = 500;

    private final GenerationSettings settings;
    private final CanvasViewModel canvas;
    private final ImageFiles files;
    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<HistoryEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Image> selectedImage = new SimpleObjectProperty<>(this, "selectedImage");

    public HistoryViewModel(GenerationSettings settings, CanvasViewModel canvas, ImageFiles files) {
        this.settings = settings;
        this.canvas = canvas;
        this.files = files;
    }

    /** Adds a fresh result at the top. */
    public HistoryEntry add(EngineEvent.Result result) {
        HistoryEntry entry = new HistoryEntry(result.parameters(), result.savedTo(),
                FxImages.thumbnail(result.image(), THUMBNAIL_SIDE), Instant.now(), result.image());
        entries.add(0, entry);
        if (entries.size() > MAX_ENTRIES) {
            entries.remove(MAX_ENTRIES, entries.size());
        }
        return entry;
    }

    /** Puts entries restored from the autosave under the current ones. */
    public void addRestored(List<HistoryEntry> restored) {
        entries.addAll(restored);
    }

    /** A thumbnail of a saved result loaded by JavaFX in the background (restored entries). */
    public static Image thumbnailOf(java.nio.file.Path file) {
        return new Image(file.toUri().toString(), THUMBNAIL_SIDE, THUMBNAIL_SIDE, true, true, true);
    }

    /** Shows the entry in the history's viewer, full size if its pixels can be had, else its thumbnail. */
    public void show(HistoryEntry entry) {
        Image image = entry == null ? null : entry.thumbnail();
        if (entry != null) {
            try {
                image = FxImages.toFx(entry.image(files));
            } catch (IOException e) {
                // the file is gone or unreadable: the thumbnail still shows what it was
            }
        }
        selectedImage.set(image);
        selected.set(entry);
    }

    /** Takes over the entry's prompt, seed and settings (the seed is locked so the image can be remade). */
    public void useParameters(HistoryEntry entry) {
        settings.restoreFrom(entry.parameters());
    }

    /** Places the entry's image on the canvas at the frame; undoable. */
    public void sendToCanvas(HistoryEntry entry) throws IOException {
        RgbImage image = entry.image(files);
        canvas.place(image);
    }

    public ObservableList<HistoryEntry> entries() { return entries; }
    public ObjectProperty<HistoryEntry> selectedProperty() { return selected; }
    public ObjectProperty<Image> selectedImageProperty() { return selectedImage; }
}
