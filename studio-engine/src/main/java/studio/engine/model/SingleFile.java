package studio.engine.model;

import java.nio.file.Path;

/**
 * A single-file checkpoint under the canonical names: every key as it is, except the OpenCLIP text
 * encoders (SD 2.x, SDXL's second), whose names {@link OpenClipNames} rewrites.
 */
final class SingleFile {
    private SingleFile() {
    }

    static TensorSource open(Path path) {
        SafetensorsSource file = new SafetensorsSource(path);
        RenamedSource view = new RenamedSource(path.getFileName().toString());
        try {
            view.own(file);
            for (String key : file.keys()) {
                if (CheckpointKeys.OPEN_CLIP_PREFIXES.stream().noneMatch(key::startsWith)) {
                    view.put(key, file, key, null);
                }
            }
            for (String prefix : CheckpointKeys.OPEN_CLIP_PREFIXES) {
                OpenClipNames.addRenamed(view, file, prefix);
            }
            return view;
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }
}
