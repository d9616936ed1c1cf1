package studio.ui.settings;

import java.util.ArrayList;
import java.util.List;

/** A named frame size the size picker offers; the frame can also be sized by hand. */
public record SizePreset(int width, int height) {

    /** Every preset of every family (what the picker offers before a model is known). */
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

    /** The small built-in model's sizes. */
    static final List<SizePreset> BUILT_IN = List.of(new SizePreset(64, 64), new SizePreset(128, 128),
            new SizePreset(256, 256));

    /** SD 1.x (trained at 512×512) and SD 2.x (512 and 768): around half a megapixel. */
    static final List<SizePreset> SD = List.of(new SizePreset(512, 512), new SizePreset(512, 768),
            new SizePreset(768, 512), new SizePreset(640, 448), new SizePreset(448, 640), new SizePreset(768, 768));

    /** SDXL's training buckets around one megapixel, each with its transpose. */
    static final List<SizePreset> SDXL = withTransposes(new SizePreset(1024, 1024), new SizePreset(896, 1152),
            new SizePreset(832, 1216), new SizePreset(768, 1344));

    /** The presets that suit a model family ("SDXL", "SD 1.x", "emoji LDM", ... or empty for none known). */
    public static List<SizePreset> forFamily(String family) {
        if (family == null || family.isEmpty()) {
            return ALL;
        }
        if (family.startsWith("SDXL")) {
            return SDXL;
        }
        if (family.startsWith("SD ")) {
            return SD;
        }
        return BUILT_IN;
    }

    private static List<SizePreset> withTransposes(SizePreset... presets) {
        List<SizePreset> out = new ArrayList<>();
        for (SizePreset p : presets) {
            out.add(p);
            if (p.width() != p.height()) {
                out.add(new SizePreset(p.height(), p.width()));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        String shape = width == height ? "square" : width > height ? "landscape" : "portrait";
        return width + " × " + height + " " + shape;
    }
}
