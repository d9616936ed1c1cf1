package studio.engine.edit;

import java.util.Locale;
import studio.engine.api.InvalidRequestException;

/** How the new area of an outpainting canvas is pre-filled before it is inpainted. */
public enum OutpaintFill {
    /** Repeat the nearest edge pixel outwards. */
    EXTEND,
    /** Reflect the image across its edge. */
    MIRROR,
    /** Seeded random colours: the most freedom for the model. */
    NOISE,
    /** The image's mean colour. */
    COLOUR;

    public static OutpaintFill parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "extend", "edge" -> EXTEND;
            case "mirror", "reflect" -> MIRROR;
            case "noise" -> NOISE;
            case "colour", "color", "flat" -> COLOUR;
            default -> throw new InvalidRequestException(
                    "fill must be extend, mirror, noise or colour, got '" + text + "'");
        };
    }
}
