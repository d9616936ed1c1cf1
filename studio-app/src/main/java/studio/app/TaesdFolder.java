package studio.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the studio looks for a TAESD: the {@code vae_approx} folder inside the models folder, the
 * name ComfyUI uses for the same files, so one download serves both. A subfolder because the models
 * folder's own {@code *.safetensors} are offered as checkpoints. The SD 1/2 variant is preferred:
 * every model the studio runs uses the SD latent space.
 */
public final class TaesdFolder {
    public static final String NAME = "vae_approx";
    private static final List<String> CANDIDATES = List.of(
            "taesd_decoder.safetensors", "taesd", "taesdxl_decoder.safetensors", "taesdxl");

    private TaesdFolder() {
    }

    /** The TAESD file or AutoencoderTiny folder in {@code models/vae_approx}, if any. */
    public static Optional<Path> find(Path models) {
        if (models == null) {
            return Optional.empty();
        }
        Path folder = models.resolve(NAME);
        for (String name : CANDIDATES) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p) || Files.isRegularFile(p.resolve("diffusion_pytorch_model.safetensors"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
