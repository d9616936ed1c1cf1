package studio.engine.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.LoraWeight;
import studio.engine.io.SafetensorsFile;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.DiffusionModel;
import studio.engine.nn.Module;
import studio.engine.nn.Param;
import studio.engine.nn.Precision;

/**
 * Applies LoRAs to one loaded model by merging their updates into its weights in place, and undoes
 * them exactly (ComfyUI's {@code model_patcher} shape).
 *
 * <p>Why merge rather than a runtime low-rank path: a merged weight costs nothing per step (the
 * U-Net runs the same convolutions and matrix products as without LoRA), while a runtime path adds two
 * thin matrix products per patched layer per step and needs hooks in every Linear and Conv2d. Merging
 * costs one pass over the touched weights when the set of LoRAs or a weight changes. Measured with
 * {@code studio bench --loras} (two LoRAs: kohya rank 16 on every attention, feed-forward and
 * text-encoder projection, LoCon rank 8 on every ResBlock conv; one thread, steps with and without them
 * alternating): on {@code --case sd-256 --repeats 9} (244 weights) a guided U-Net step took 508 ms
 * without and 517 ms with them (median of the pairs' differences -7 ms wall, -2 ms CPU), the merge
 * 209 ms once per change, a re-weight 255 ms, removing them 0.5 ms; on SD 1.5 itself in bf16
 * ({@code --lora-model sd15.safetensors --precision bf16 --repeats 5}, 284 weights, steps at 256x256)
 * the merge took 6.3 s, a re-weight 8.7 s, removing them 7 ms, and the steps' difference (+1.7% CPU,
 * best step 6.29 s without and 6.15 s with) was within the busy machine's noise.
 *
 * <p>Exact undo: the first time a weight is patched, the tensor loaded from the checkpoint is kept as
 * it is (not a copy of it: the very array, moved out of its {@link Param}) and a new patched tensor
 * takes its place; removing LoRAs swaps the original back, bit for bit, so no reload from disk and
 * no second copy of the whole model (only of the touched weights) is ever needed. Updates are summed
 * in fp32 from the original and cast once to the type the weight is held in (bf16/fp16, see
 * {@link Precision}), so two LoRAs round once, and re-weighting starts again from the original.
 */
public final class LoraPatcher {
    private final DiffusionModel model;
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final Map<String, LoraNames.Target> names;
    private final Map<Param, NDArray> originals = new IdentityHashMap<>();
    private List<LoraWeight> active = List.of();
    private long lastApplyNanos;

    public LoraPatcher(DiffusionModel model) {
        this.model = model;
        Map<String, long[]> unet = new LinkedHashMap<>();
        model.unet().parameters().forEach((k, p) -> {
            params.put(CheckpointKeys.UNET + k, p);
            unet.put(k, p.shape().getShape());
        });
        List<LoraNames.TextPart> texts = new ArrayList<>();
        if (model.second() == null) {
            texts.add(textPart(LoraNames.TEXT, CheckpointKeys.CLIP, model.textEncoder()));
        } else {
            texts.add(textPart("lora_te1_", CheckpointKeys.SDXL_CLIP, model.textEncoder()));
            texts.add(textPart("lora_te2_", CheckpointKeys.SDXL_OPEN_CLIP, model.second().encoder()));
        }
        this.names = LoraNames.forModel(unet, model.unet().config().numResBlocks() + 1, texts);
    }

    /** A text encoder's weights, registered under {@code keyPrefix} for the merge. */
    private LoraNames.TextPart textPart(String flatPrefix, String keyPrefix, Object encoder) {
        Map<String, long[]> keys = new LinkedHashMap<>();
        if (encoder instanceof Module module) {
            module.parameters().forEach((k, p) -> {
                params.put(keyPrefix + k, p);
                keys.put(k, p.shape().getShape());
            });
        }
        return new LoraNames.TextPart(flatPrefix, keyPrefix, keys);
    }

    /** The LoRAs merged into the weights now. */
    public synchronized List<LoraWeight> active() {
        return active;
    }

    /** Weights currently replaced by patched ones. */
    public synchronized int patchedTensors() {
        return originals.size();
    }

    /** Nanoseconds the last change of LoRAs took (restore and merge), for the bench and the tests. */
    public synchronized long lastApplyNanos() {
        return lastApplyNanos;
    }

    /**
     * Makes {@code loras} the merged set: nothing to do when it already is; otherwise the originals are
     * restored and the new set merged. A LoRA that does not fit is refused before any weight changes,
     * and a failure while merging restores the originals, so the model is never left half-patched.
     */
    public synchronized void use(List<LoraWeight> loras) {
        if (loras.equals(active)) {
            return;
        }
        long start = System.nanoTime();
        restore();
        if (!loras.isEmpty()) {
            Map<String, List<Update>> plan = plan(loras);
            try {
                merge(plan);
            } catch (RuntimeException e) {
                restore();
                throw e;
            }
            active = List.copyOf(loras);
        }
        lastApplyNanos = System.nanoTime() - start;
    }

    /** Puts every original weight back; the model is then exactly as loaded. */
    public synchronized void restore() {
        originals.forEach((param, original) -> param.swap(original).close());
        originals.clear();
        active = List.of();
    }

    private record Update(LoraWeight lora, LoraFile.Layer layer, LoraNames.Target target, double scale) {
    }

    /** Every layer of every LoRA matched to its weight, with shapes checked; nothing is read yet. */
    private Map<String, List<Update>> plan(List<LoraWeight> loras) {
        Map<String, List<Update>> plan = new LinkedHashMap<>();
        for (LoraWeight lora : loras) {
            LoraFile file = LoraFile.read(Path.of(lora.path()));
            String what = "LoRA '" + lora.name() + "' (" + file.path().getFileName() + ")";
            String family = file.family();
            String modelFamily = coarseFamily(model.family());
            if (modelFamily == null) {
                throw new InvalidRequestException(what + ": LoRAs apply to Stable Diffusion checkpoints; the model "
                        + model.name() + " is " + model.family());
            }
            if (family != null && !family.equals(modelFamily)) {
                throw new InvalidRequestException(what + " was made for " + family + " models, but the model "
                        + model.name() + " is " + modelFamily + "; choose a " + modelFamily + " LoRA or a " + family
                        + " checkpoint");
            }
            if (!file.unreadableKeys().isEmpty()) {
                throw new InvalidRequestException(what + ": " + file.unreadableKeys().size() + " keys are not LoRA "
                        + "factors this studio reads (LoHa, LoKr, Tucker lora_mid and full-weight diffs are not "
                        + "supported): " + LoraFile.listed(file.unreadableKeys()));
            }
            List<String> unmatched = new ArrayList<>();
            List<String> misfits = new ArrayList<>();
            for (LoraFile.Layer layer : file.layers()) {
                LoraNames.Target target = names.get(layer.module());
                if (target == null) {
                    unmatched.add(layer.module());
                    continue;
                }
                long[] shape = params.get(target.key()).shape().getShape();
                long out = target.isWhole() ? shape[0] : target.rows();
                long in = Arrays.stream(shape).skip(1).reduce(1, (a, b) -> a * b);
                long downIn = Arrays.stream(layer.downShape()).skip(1).reduce(1, (a, b) -> a * b);
                if (layer.upShape()[0] != out || downIn != in) {
                    misfits.add(layer.module() + " (update " + layer.upShape()[0] + "x" + Arrays.toString(
                            Arrays.copyOfRange(layer.downShape(), 1, layer.downShape().length)) + " for weight "
                            + target.key() + " " + Arrays.toString(shape) + ")");
                    continue;
                }
                double weight = target.textEncoder() ? lora.textWeight() : lora.unetWeight();
                plan.computeIfAbsent(target.key(), k -> new ArrayList<>()).add(new Update(lora, layer, target, weight));
            }
            if (!unmatched.isEmpty()) {
                throw new InvalidRequestException(what + ": " + unmatched.size() + " of its " + file.layers().size()
                        + " layers match no weight of the " + model.family() + " model " + model.name() + ": "
                        + LoraFile.listed(unmatched) + (family == null ? "; it may be made for another model family" : ""));
            }
            if (!misfits.isEmpty()) {
                throw new InvalidRequestException(what + ": " + misfits.size() + " layers do not fit the shapes of the "
                        + model.family() + " model " + model.name() + " (made for another model?): "
                        + LoraFile.listed(misfits));
            }
        }
        return plan;
    }

    /** "SD 1.x", "SD 2.x", "SDXL", or null for models LoRAs are not made for. */
    static String coarseFamily(String family) {
        for (String f : List.of("SDXL", "SD 1.x", "SD 2.x")) {
            if (family.startsWith(f)) {
                return f;
            }
        }
        return null;
    }

    private void merge(Map<String, List<Update>> plan) {
        Map<String, SafetensorsFile> files = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<Update>> e : plan.entrySet()) {
                Param param = params.get(e.getKey());
                NDArray original = param.get();
                // One weight at a time, its intermediates freed before the next: the fp32 copies of a
                // bf16 model's weights never exist all at once.
                try (NDScope scope = new NDScope(); NDManager scratch = NDManager.newBaseManager()) {
                    scope.suppressNotUsedWarning();
                    NDArray sum = null;
                    for (Update u : e.getValue()) {
                        SafetensorsFile file = files.computeIfAbsent(u.lora().path(), p -> SafetensorsFile.open(Path.of(p)));
                        NDArray delta = delta(file, u, scratch);
                        sum = sum == null ? delta : sum.add(delta);
                    }
                    // One check of the summed update (NaN or ±∞ in any factor shows there); only then are
                    // the factors checked one by one, to name the damaged tensor.
                    if (!isFinite(sum)) {
                        for (Update u : e.getValue()) {
                            SafetensorsFile file = files.get(u.lora().path());
                            finite(file, u.layer().downKey(), file.load(u.layer().downKey(), scratch), u);
                            finite(file, u.layer().upKey(), file.load(u.layer().upKey(), scratch), u);
                        }
                        throw new InvalidRequestException(where(e.getValue().get(0)) + ": the update of " + e.getKey()
                                + " overflows to infinity; lower the LoRA's weight");
                    }
                    NDArray base = Precision.toFloat32(original);
                    NDArray patched = model.unet().precision().cast(patch(base, sum, e.getValue().get(0).target(), param.shape()));
                    patched.attach(model.weights());
                    NDScope.unregister(patched);
                    originals.put(param, param.swap(patched));
                }
            }
        } finally {
            files.values().forEach(SafetensorsFile::close);
        }
    }

    /** up · down × scale × alpha / rank, in fp32, shaped as the rows it changes. */
    private static NDArray delta(SafetensorsFile file, Update u, NDManager m) {
        LoraFile.Layer layer = u.layer();
        NDArray down = file.load(layer.downKey(), m);
        NDArray up = file.load(layer.upKey(), m);
        long rank = layer.rank();
        double alpha = layer.alphaKey() == null ? rank : file.readFloats(layer.alphaKey())[0];
        if (!Double.isFinite(alpha)) {
            throw new InvalidRequestException(where(u) + ": its alpha (" + layer.alphaKey() + ") is not a finite number");
        }
        // Convolutions are flattened to matrices (LoCon: k×k down, 1×1 up), multiplied, then reshaped.
        NDArray product = up.reshape(up.getShape().get(0), rank).matMul(down.reshape(rank, -1));
        return product.mul((float) (u.scale() * alpha / rank));
    }

    private static boolean isFinite(NDArray t) {
        try (NDArray total = t.sum()) {
            return Float.isFinite(total.getFloat());
        }
    }

    private static NDArray finite(SafetensorsFile file, String key, NDArray t, Update u) {
        try (NDArray total = t.sum()) {
            if (!Float.isFinite(total.getFloat())) {
                throw new InvalidRequestException(where(u) + ": tensor '" + key + "' holds NaN or infinite values; "
                        + "the file is damaged (download it again)");
            }
        }
        return t;
    }

    private static String where(Update u) {
        return "LoRA '" + u.lora().name() + "' (" + Path.of(u.lora().path()).getFileName() + ")";
    }

    /** base + delta over the whole weight, or over its rows of a packed q/k/v projection. */
    private static NDArray patch(NDArray base, NDArray delta, LoraNames.Target target, Shape shape) {
        if (target.isWhole()) {
            return base.add(delta.reshape(shape));
        }
        long from = target.rowOffset();
        long to = from + target.rows();
        Shape rows = new Shape(target.rows()).addAll(shape.slice(1));
        NDList parts = new NDList();
        if (from > 0) {
            parts.add(base.get("0:" + from));
        }
        parts.add(base.get(from + ":" + to).add(delta.reshape(rows)));
        if (to < shape.get(0)) {
            parts.add(base.get(to + ":"));
        }
        return NDArrays.concat(parts, 0);
    }
}
