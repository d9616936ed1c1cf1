/**
 * The training data of the default text-to-image model: open emoji sets, captioned with their CLDR
 * names plus a style word ("red apple, noto style"), so one name exists in several styles and img2img
 * can move a picture between them.
 *
 * <p>Build: {@link studio.train.dataset.NpmPackageCache} installs the pinned packages of each
 * {@link studio.train.dataset.EmojiSet} outside git; {@link studio.train.dataset.EmojiDatasetBuilder}
 * lists, filters ({@link studio.train.dataset.EmojiFilter}), renders
 * ({@link studio.train.dataset.EmojiRasterizer}) and splits by name
 * ({@link studio.train.dataset.HeldoutSplit}). Folder layout:
 * <pre>
 * dataset.json                  size, background, split share, sets with package, version, licence, attribution
 * manifest.jsonl                one {@link studio.train.dataset.ManifestEntry} per picture
 * images/&lt;style&gt;/&lt;name&gt;.png  opaque RGB, size x size
 * </pre>
 * Read: {@link studio.train.dataset.EmojiDataset} gives CHW floats in [-1, 1] with captions, and
 * {@link studio.engine.text.WordVocabulary} is the word tokenizer built from the captions.
 */
package studio.train.dataset;
