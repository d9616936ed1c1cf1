package studio.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.ControlNetLoader;
import studio.engine.model.ControlNetSpec;
import studio.engine.nn.unet.ControlNetConfig;
import studio.engine.model.ModelSpec;
import studio.engine.model.TensorSource;
import studio.engine.sampling.Prediction;

/** {@code studio info}: what a checkpoint is, read from its header alone (no tensor data). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a checkpoint's detected family, configuration, parameter counts and dtypes.")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A .safetensors checkpoint or a diffusers folder "
            + "(a model or a ControlNet).")
    Path model;

    @Option(names = "--prediction", description = "eps or v: override what the checkpoint predicts.")
    String prediction;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (ControlNetLoader.isControlNet(model)) {
            return controlNet(out);
        }
        try (TensorSource source = CheckpointLoader.open(model)) {
            ModelSpec s = CheckpointLoader.detect(source, prediction == null ? null : Prediction.parse(prediction));
            out.println("model:       " + model);
            out.println("family:      " + s.family());
            out.println("prediction:  " + s.prediction().name().toLowerCase(Locale.ROOT));
            out.println("latent scale " + s.latentScale());
            out.println("unet:        " + s.unet());
            out.println("vae:         " + s.vae());
            out.println("text:        " + s.textEncoder() + " " + s.text());
            if (s.text2() != null) {
                out.println("text 2:      " + s.text2());
            }
            Map<String, Long> params = new TreeMap<>();
            Map<String, Long> dtypes = new TreeMap<>();
            for (String k : source.keys()) {
                long n = 1;
                for (long d : source.shape(k)) {
                    n *= d;
                }
                params.merge(part(k), n, Long::sum);
                dtypes.merge(source.dtype(k), n, Long::sum);
            }
            params.forEach((p, n) -> out.printf(Locale.ROOT, "parameters:  %-13s %,d%n", p, n));
            dtypes.forEach((d, n) -> out.printf(Locale.ROOT, "dtype:       %-13s %,d values%n", d, n));
        }
        return StudioCommand.EXIT_OK;
    }

    private int controlNet(PrintWriter out) {
        try (TensorSource source = ControlNetLoader.open(model)) {
            ControlNetSpec s = ControlNetLoader.detect(source);
            out.println("model:       " + model);
            out.println("family:      ControlNet for " + s.family());
            out.println("encoder:     " + s.config().unet());
            out.println("hint:        " + s.config().hintChannels() + " channels at " + ControlNetConfig.HINT_FACTOR
                    + "x the latent -> widths " + java.util.Arrays.toString(s.config().hintWidths()));
            long total = 0;
            Map<String, Long> dtypes = new TreeMap<>();
            for (String k : source.keys()) {
                long n = 1;
                for (long d : source.shape(k)) {
                    n *= d;
                }
                total += n;
                dtypes.merge(source.dtype(k), n, Long::sum);
            }
            out.printf(Locale.ROOT, "parameters:  %-13s %,d%n", "controlnet", total);
            dtypes.forEach((d, n) -> out.printf(Locale.ROOT, "dtype:       %-13s %,d values%n", d, n));
        }
        return StudioCommand.EXIT_OK;
    }

    private static String part(String key) {
        if (key.startsWith(CheckpointKeys.UNET)) {
            return "unet";
        }
        if (key.startsWith(CheckpointKeys.VAE)) {
            return "vae";
        }
        if (key.startsWith("cond_stage_model.") || key.startsWith(CheckpointKeys.SDXL_CLIP)) {
            return "text encoder";
        }
        if (key.startsWith(CheckpointKeys.SDXL_OPEN_CLIP)) {
            return "text encoder 2";
        }
        return "other";
    }
}
