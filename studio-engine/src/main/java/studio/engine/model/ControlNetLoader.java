package studio.engine.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import studio.engine.api.InvalidRequestException;
import studio.engine.nn.Precision;
import studio.engine.nn.unet.ControlNetConfig;
import studio.engine.nn.unet.ControlNetModel;
import studio.engine.nn.unet.UNetConfig;

/**
 * Loads a ControlNet in any of its distributed layouts, seen under one canonical naming (the original
 * {@code control_model.*} keys): 1. open it as that view, 2. detect the configuration from names and
 * shapes, 3. build the network, 4. check every key and shape at once, 5. read the weights.
 *
 * <p>Layouts: the original training checkpoint's keys ({@code control_model.input_hint_block.0.weight},
 * other keys of a whole ControlLDM ignored); the same without the prefix (ControlNet 1.1's files);
 * diffusers' names ({@code controlnet_cond_embedding.conv_in.weight}, rewritten by
 * {@link DiffusersNames#controlNet}), as one file or a folder with {@code config.json} and
 * {@code diffusion_pytorch_model.safetensors}.
 */
public final class ControlNetLoader {
    private static final String C = CheckpointKeys.CONTROL;
    private static final String HINT = "input_hint_block.0.weight";
    private static final String DIFFUSERS_HINT = "controlnet_cond_embedding.conv_in.weight";

    private ControlNetLoader() {
    }

    /** Whether these tensor names are a ControlNet's, in any layout. */
    public static boolean isControlNet(Set<String> keys) {
        return keys.contains(C + HINT) || keys.contains(HINT) || keys.contains(DIFFUSERS_HINT);
    }

    /**
     * Whether the file or folder at {@code path} holds a ControlNet (read from its header only); false
     * for anything else, including what cannot be read (the model loader then says why).
     */
    public static boolean isControlNet(Path path) {
        Path file = path;
        if (Files.isDirectory(path)) {
            if (DiffusersFolder.isDiffusersFolder(path)) {
                return false;
            }
            file = path.resolve("diffusion_pytorch_model.safetensors");
            if (!Files.isRegularFile(file)) {
                file = path.resolve("diffusion_pytorch_model.fp16.safetensors");
            }
        }
        if (!Files.isRegularFile(file) || !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            return false;
        }
        try (SafetensorsSource source = new SafetensorsSource(file)) {
            return isControlNet(source.keys());
        } catch (InvalidRequestException e) {
            return false;
        }
    }

    /** A ControlNet file or diffusers folder under the canonical {@code control_model.*} names. */
    public static TensorSource open(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidRequestException("ControlNet not found: " + path);
        }
        Path file = path;
        JsonConfig config = null;
        if (Files.isDirectory(path)) {
            file = diffusersWeights(path);
            config = DiffusersFolder.readJson(path.resolve("config.json"));
        } else if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw new InvalidRequestException("ControlNet " + path.getFileName() + " is not a .safetensors file; "
                    + "pickled .pth files are not loaded (they can run code); convert it to safetensors first");
        }
        RenamedSource view = new RenamedSource(path.getFileName().toString());
        try {
            TensorSource raw = view.ownAndGet(new SafetensorsSource(file));
            Set<String> keys = raw.keys();
            if (keys.contains(C + HINT)) {
                keys.stream().filter(k -> k.startsWith(C)).forEach(k -> view.put(k, raw, k, null));
            } else if (keys.contains(HINT)) {
                keys.forEach(k -> view.put(C + k, raw, k, null));
            } else if (keys.contains(DIFFUSERS_HINT)) {
                for (String k : keys) {
                    String canonical = DiffusersNames.controlNet(k, keys);
                    if (canonical != null) {
                        view.put(C + canonical, raw, k, null);
                    }
                }
                if (config == null && Files.isRegularFile(file.resolveSibling("config.json"))) {
                    config = DiffusersFolder.readJson(file.resolveSibling("config.json"));
                }
                view.putMetadata("studio.config", DiffusersFolder.settings(config, null, null).toString());
            } else {
                throw new InvalidRequestException(path.getFileName() + " is not a ControlNet: it has none of the "
                        + "keys '" + C + HINT + "', '" + HINT + "' or '" + DIFFUSERS_HINT + "'"
                        + (keys.stream().anyMatch(k -> k.startsWith(CheckpointKeys.UNET)) ? " (it is a model: pass it "
                        + "with --model)" : ""));
            }
            return view;
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }

    /** The configuration, from the names and shapes of a view made by {@link #open}. */
    public static ControlNetSpec detect(TensorSource source) {
        Map<String, long[]> shapes = new HashMap<>();
        for (String k : source.keys()) {
            shapes.put(k, source.shape(k));
        }
        try {
            ShapeTable s = new ShapeTable(shapes);
            String json = source.metadata().get("studio.config");
            JsonConfig studio = json == null ? null : JsonConfig.parse(ModelDetector.STUDIO_CONFIG, json);
            UNetConfig unet = UNetDetector.detect(s, studio, C, false);
            int[] widths = new int[ControlNetConfig.HINT_CONVS];
            int in = -1;
            int previous = -1;
            for (int i = 0; i < widths.length; i++) {
                String key = C + "input_hint_block." + 2 * i + ".weight";
                int[] w = s.require(key, "ControlNet hint block", 4);
                if (i == 0) {
                    in = w[1];
                } else if (w[1] != previous) {
                    throw new InvalidRequestException("the ControlNet hint block tensor '" + key + "' takes " + w[1]
                            + " channels but the convolution before it makes " + previous + "; the file is damaged");
                }
                widths[i] = w[0];
                previous = w[0];
            }
            if (previous != unet.modelChannels()) {
                throw new InvalidRequestException("the ControlNet hint block ends at " + previous + " channels but its "
                        + "encoder starts at " + unet.modelChannels() + "; the file is damaged");
            }
            if (in != 3) {
                throw new InvalidRequestException("the ControlNet hint block takes " + in + " channels; only RGB hints "
                        + "(3 channels) are supported");
            }
            return ControlNetSpec.of(new ControlNetConfig(unet, in, widths));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(source.describe() + ": " + e.getMessage(), e);
        }
    }

    public static ControlNet load(Path path, Precision precision) {
        try (TensorSource source = open(path)) {
            ControlNetSpec spec = detect(source);
            NDManager weights = NDManager.newBaseManager();
            try {
                ControlNetModel net = new ControlNetModel(spec.config());
                new WeightLoader().add("controlnet", C, net, precision)
                        .load(source, weights, List.of(C), k -> false);
                net.weightsIn(precision);
                return new ControlNet(name(path), spec, net, weights);
            } catch (RuntimeException e) {
                weights.close();
                throw e;
            }
        }
    }

    /** The file's name without {@code .safetensors}, or the folder's name. */
    static String name(Path path) {
        String n = path.getFileName().toString();
        return n.toLowerCase(Locale.ROOT).endsWith(".safetensors") ? n.substring(0, n.length() - ".safetensors".length()) : n;
    }

    private static Path diffusersWeights(Path dir) {
        for (String name : new String[] {"diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new InvalidRequestException(dir + ": a diffusers ControlNet folder needs diffusion_pytorch_model.safetensors "
                + "(only safetensors weights are read; convert .bin files first)");
    }
}
