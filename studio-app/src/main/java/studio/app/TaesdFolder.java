package studio.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the studio looks for a TAESD: the {@code vae_approx} folder inside the models folder, the
 * name ComfyUI uses for the same files, so one download serves both. A subfolder because the models
 * folder's own {@code *.safetensors} are offered as checkpoints. Both variants are used when both are
 * there: {@code taesd} for SD 1.x/2.x models, {@code taesdxl} for SDXL ones.
 */
public final class TaesdFolder {
    public static final String NAME = "vae_approx";
    private static final List<String> CANDIDATES = List.of(
            "taesd_decoder.safetensors", "taesd", "taesdxl_decoder.safetensors", "taesdxl");

    private TaesdFolder() {
    }

    /** The first TAESD file or AutoencoderTiny folder in {@code models/vae_approx}, SD's before SDXL's. */
    public static Optional<Path> find(Path models) {
        return findAll(models).stream().findFirst();
    }

    /** At most one TAESD per latent space (SD's file before its folder), SD's first. */
    public static List<Path> findAll(Path models) {
        if (models == null) {
            return List.of();
        }
        Path folder = models.resolve(NAME);
        List<Path> found = new java.util.ArrayList<>();
        boolean sd = false;
        boolean sdxl = false;
        for (String name : CANDIDATES) {
            Path p = folder.resolve(name);
            boolean isXl = name.startsWith("taesdxl");
            if ((isXl ? sdxl : sd)) {
                continue;
            }
            if (Files.isRegularFile(p) || Files.isRegularFile(p.resolve("diffusion_pytorch_model.safetensors"))) {
                found.add(p);
                if (isXl) {
                    sdxl = true;
                } else {
                    sd = true;
                }
            }
        }
        return found;
    }
}
