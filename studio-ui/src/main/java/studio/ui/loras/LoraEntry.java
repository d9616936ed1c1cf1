package studio.ui.loras;

import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/** One LoRA of the folder as the panel shows it: name, family, enabled, weight. */
public final class LoraEntry {
    private final String name;
    private final Path path;
    private final String family;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final DoubleProperty weight = new SimpleDoubleProperty(this, "weight", 1.0);

    public LoraEntry(String name, Path path, String family) {
        this.name = name;
        this.path = path;
        this.family = family;
    }

    public String name() { return name; }
    public Path path() { return path; }
    /** "SD 1.x", "SD 2.x", "SDXL" or "family unknown". */
    public String family() { return family; }
    public BooleanProperty enabledProperty() { return enabled; }
    public DoubleProperty weightProperty() { return weight; }
}
