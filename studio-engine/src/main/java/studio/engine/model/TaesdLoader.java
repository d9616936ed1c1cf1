package studio.engine.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.taesd.TaesdDecoder;
import studio.engine.nn.taesd.TaesdEncoder;
import studio.engine.nn.taesd.TinyAutoencoder;

/**
 * Loads a TAESD from safetensors in either naming {@link TaesdNames} knows: taesd.py's own
 * {@code taesd_decoder.safetensors} (its {@code taesd_encoder.safetensors} beside it is picked up
 * too), or a diffusers {@code AutoencoderTiny} file or folder. The latent width comes from the
 * decoder's first convolution, so 4-channel SD/SDXL files and 16-channel ones load alike.
 */
public final class TaesdLoader {
    private static final String DIFFUSERS_FILE = "diffusion_pytorch_model.safetensors";

    private TaesdLoader() {
    }

    /**
     * @param path a safetensors file or a diffusers AutoencoderTiny folder
     * @throws InvalidRequestException when it is missing or its tensors are not a TAESD, naming the keys
     */
    public static TinyAutoencoder load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(DIFFUSERS_FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException("TAESD file " + file + " does not exist; give a taesd_decoder.safetensors "
                    + "or an AutoencoderTiny folder");
        }
        String name = path.toAbsolutePath().normalize().getFileName().toString();
        try (RenamedSource view = new RenamedSource(name)) {
            for (Path f : filesOf(file)) {
                TensorSource source = view.ownAndGet(new SafetensorsSource(f));
                Map<String, String> canonical = TaesdNames.canonical(source.keys());
                canonical.forEach((c, key) -> view.put(c, source, key, null));
                // keys the table does not know stay under their own names: the loader refuses them by name
                source.keys().stream().filter(k -> !canonical.containsValue(k)).forEach(k -> view.put(k, source, k, null));
            }
            String firstConv = TaesdNames.DECODER + "1.weight";
            if (!view.keys().contains(firstConv)) {
                throw new InvalidRequestException(name + " holds no TAESD decoder (no '1.weight' or "
                        + "'decoder.layers.0.weight'); use taesd_decoder.safetensors or a diffusers AutoencoderTiny");
            }
            int latentChannels = Math.toIntExact(view.shape(firstConv)[1]);
            boolean hasEncoder = view.keys().stream().anyMatch(k -> k.startsWith(TaesdNames.ENCODER));
            NDManager weights = NDManager.newBaseManager();
            try {
                TaesdDecoder decoder = new TaesdDecoder(latentChannels);
                TaesdEncoder encoder = hasEncoder ? new TaesdEncoder(latentChannels) : null;
                WeightLoader loader = new WeightLoader().add("TAESD decoder", TaesdNames.DECODER, decoder);
                if (encoder != null) {
                    loader.add("TAESD encoder", TaesdNames.ENCODER, encoder);
                }
                loader.load(view, weights, List.of(""), k -> false);
                return new TinyAutoencoder(TinyAutoencoder.Variant.fromFileName(name), decoder, encoder, weights, name);
            } catch (RuntimeException e) {
                weights.close();
                throw e;
            }
        }
    }

    /** The file, plus taesd.py's encoder file beside a decoder file of the same family. */
    private static List<Path> filesOf(Path file) {
        List<Path> files = new ArrayList<>(List.of(file));
        String name = file.getFileName().toString();
        if (name.contains("_decoder")) {
            Path encoder = file.resolveSibling(name.replace("_decoder", "_encoder"));
            if (Files.isRegularFile(encoder)) {
                files.add(encoder);
            }
        }
        return files;
    }
}
