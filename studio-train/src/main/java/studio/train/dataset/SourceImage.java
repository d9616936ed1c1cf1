package studio.train.dataset;

import java.nio.file.Path;

/** One emoji picture of one set as its package ships it (PNG or SVG), with its CLDR name. */
public record SourceImage(EmojiSet set, EmojiName name, Path file) {
}
