package studio.ui.history;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import javafx.scene.image.Image;
import studio.engine.api.GenerationRequest;
import studio.engine.api.ModelName;
import studio.engine.image.RgbImage;
import studio.engine.io.A1111Parameters;
import studio.ui.files.EngineImageFiles;
import studio.ui.files.ImageFiles;

/**
 * One result in the history: its parameters, where the engine saved it, and a thumbnail. Pixels of
 * entries restored after a restart are read from their file only when needed.
 */
public final class HistoryEntry {
    private final GenerationRequest parameters;
    private final Path savedTo;
    private final Image thumbnail;
    private final Instant created;
    private volatile RgbImage image;

    public HistoryEntry(GenerationRequest parameters, Path savedTo, Image thumbnail, Instant created, RgbImage image) {
        this.parameters = parameters;
        this.savedTo = savedTo;
        this.thumbnail = thumbnail;
        this.created = created;
        this.image = image;
    }

    public GenerationRequest parameters() {
        return parameters;
    }

    /** Where the result file is, or null when the engine keeps results in memory only. */
    public Path savedTo() {
        return savedTo;
    }

    public Image thumbnail() {
        return thumbnail;
    }

    public Instant created() {
        return created;
    }

    /** True when the pixels are at hand without reading a file. */
    public boolean inMemory() {
        return image != null;
    }

    /** The pixels if in memory, else null. */
    public RgbImage imageInMemory() {
        return image;
    }

    /** The pixels, read from the saved file the first time if this entry came from an earlier session. */
    public RgbImage image(ImageFiles files) throws IOException {
        if (image == null) {
            if (savedTo == null) {
                throw new IOException("this result was not saved to a file and is no longer in memory");
            }
            image = files.read(savedTo);
        }
        return image;
    }

    /** Lets go of the pixels of a saved result; they are read from its file when needed again. */
    public void releasePixels() {
        if (savedTo != null) {
            image = null;
        }
    }

    /** One line for the list: the prompt's start and the seed. */
    public String summary() {
        String p = parameters.prompt().isBlank() ? "(no prompt)" : parameters.prompt().strip();
        if (p.length() > 60) {
            p = p.substring(0, 57) + "…";
        }
        return p;
    }

    /** The parameters in the AUTOMATIC1111 layout people know from other tools, and the file. */
    public String details() {
        String text = A1111Parameters.format(parameters, ModelName.of(parameters.modelId()));
        return savedTo == null ? text : text + "\nFile: " + savedTo;
    }
}
