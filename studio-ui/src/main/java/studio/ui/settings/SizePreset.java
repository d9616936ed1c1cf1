package studio.ui.settings;

import java.util.List;

/** A named frame size the size picker offers; the frame can also be sized by hand. */
public record SizePreset(int width, int height) {

    public static final List<SizePreset> ALL = List.of(
            new SizePreset(64, 64),
            new SizePreset(128, 128),
            new SizePreset(256, 256),
            new SizePreset(512, 512),
            new SizePreset(512, 768),
            new SizePreset(768, 512),
            new SizePreset(640, 448),
            new SizePreset(448, 640),
            new SizePreset(768, 768),
            new SizePreset(1024, 1024));

    @Override
    public String toString() {
        String shape = width == height ? "square" : width > height ? "landscape" : "portrait";
        return width + " × " + height + " " + shape;
    }
}
