package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.api.GenerationRequest;
import studio.engine.control.HintPreprocessor;
import studio.engine.image.RgbImage;
import studio.engine.model.ControlNet;
import studio.engine.model.DiffusionModel;
import studio.engine.nn.Ops;
import studio.engine.nn.unet.ControlNetConfig;
import studio.engine.sampling.BatchRows;

/**
 * A request's ControlNets bound to its model and sampling plan, with AUTOMATIC1111 sd-webui-controlnet's
 * semantics: each ControlNet sees exactly what the U-Net pass it steers sees (the scaled latent, the
 * timestep, the prompt's or negative prompt's context per row); step i of n is steered when
 * start ≤ i/n ≤ end; {@code balanced} scales all residuals by the weight, {@code prompt} residual k
 * by weight·0.825^(12−k), {@code control} as {@code prompt} with nothing for the unconditional
 * rows; several ControlNets add. The hint block runs once per request, not per step (it sees neither
 * latent nor time nor text).
 */
final class ControlSteering {
    /** sd-webui-controlnet's decay of the shallower residuals in the soft modes. */
    static final double SOFT_DECAY = 0.825;
    /** The residuals of an SD ControlNet, which the soft modes' factors are written for. */
    static final int SOFT_RESIDUALS = 13;

    private record Active(ControlNet net, ControlUnit unit, NDArray guidedHint) {
    }

    private final List<Active> active;
    private final float[] sigmas;
    private final int steps;

    private ControlSteering(List<Active> active, float[] sigmas) {
        this.active = active;
        this.sigmas = sigmas;
        this.steps = sigmas.length - 1;
    }

    static ControlSteering none() {
        return new ControlSteering(List.of(), new float[] {0});
    }

    /**
     * Prepares the hints: each control image cover-cropped to the hint size (8× the latent, which is the
     * output size on every SD model), preprocessed, read as RGB in [0, 1] and run through its
     * ControlNet's hint block.
     *
     * @param nets    the request's ControlNets, loaded, in the order of {@link GenerationRequest#controls()}
     * @param sigmas  the noise levels the plan steps through (its steps are what start/end count)
     */
    static ControlSteering prepare(GenerationRequest request, List<ControlNet> nets, DiffusionModel model,
                                   float[] sigmas, NDManager m) {
        List<Active> active = new ArrayList<>();
        int f = model.vaeFactor();
        int hintW = request.width() / f * ControlNetConfig.HINT_FACTOR;
        int hintH = request.height() / f * ControlNetConfig.HINT_FACTOR;
        for (int i = 0; i < nets.size(); i++) {
            ControlUnit unit = request.controls().get(i);
            ControlNet net = nets.get(i);
            net.spec().requireFits(model.unet().config(), model.family(), net.name(), model.name());
            if (unit.weight() == 0) {
                continue; // weight 0 is the uncontrolled picture exactly, not one with zero-sized residuals
            }
            RgbImage hint = HintPreprocessor.hint(unit, hintW, hintH);
            NDArray pixels = hintTensor(hint, m);
            active.add(new Active(net, unit, net.net().guidedHint(pixels)));
        }
        return new ControlSteering(active, sigmas);
    }

    /** (1, 3, H, W) RGB in [0, 1]: what ControlNets were trained on (uint8 / 255, not [-1, 1]). */
    static NDArray hintTensor(RgbImage hint, NDManager m) {
        int plane = hint.width() * hint.height();
        int[] px = hint.pixels();
        float[] v = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            v[i] = ((px[i] >> 16) & 0xFF) / 255f;
            v[plane + i] = ((px[i] >> 8) & 0xFF) / 255f;
            v[2 * plane + i] = (px[i] & 0xFF) / 255f;
        }
        return m.create(v, new Shape(1, 3, hint.height(), hint.width()));
    }

    boolean isEmpty() {
        return active.isEmpty();
    }

    /** The 0-based step a pass at noise level σ belongs to: the last level of the plan at or above σ. */
    int step(float sigma) {
        int i = 0;
        while (i + 1 < steps && sigmas[i + 1] >= sigma) {
            i++;
        }
        return i;
    }

    /**
     * The summed, scaled residuals for one U-Net pass, or null when no ControlNet steers it.
     *
     * @param x the latent as the U-Net gets it, without the extra channels of inpainting models
     */
    List<NDArray> residuals(NDArray x, NDArray timesteps, NDArray context, BatchRows rows, Runnable betweenBlocks) {
        int step = step(rows.sigma());
        List<NDArray> total = null;
        for (Active a : active) {
            ControlUnit unit = a.unit();
            if (!unit.controls(step, steps)) {
                continue;
            }
            boolean[] steered = new boolean[rows.size()];
            int count = 0;
            for (int r = 0; r < steered.length; r++) {
                steered[r] = unit.mode() != ControlMode.CONTROL || rows.isConditional(r);
                count += steered[r] ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            List<NDArray> out = count == steered.length
                    ? a.net().net().forward(x, a.guidedHint(), timesteps, context, betweenBlocks)
                    : scatter(a.net().net().forward(pick(x, steered), a.guidedHint(), pick(timesteps, steered),
                            pick(context, steered), betweenBlocks), steered);
            for (int k = 0; k < out.size(); k++) {
                NDArray scaled = out.get(k).mul((float) scale(unit, k));
                out.get(k).close();
                out.set(k, scaled);
            }
            if (total == null) {
                total = out;
            } else {
                for (int k = 0; k < out.size(); k++) {
                    Ops.addInPlace(total.get(k), out.get(k));
                    out.get(k).close();
                }
            }
        }
        return total;
    }

    /**
     * The factor of residual k: weight, or in the soft modes weight·0.825^(12−k), exactly as
     * sd-webui-controlnet writes it (13 factors zipped with the residuals; every SD 1.x/2.x ControlNet
     * has 13, a smaller test model takes the first ones).
     */
    static double scale(ControlUnit unit, int k) {
        return unit.mode() == ControlMode.BALANCED ? unit.weight()
                : unit.weight() * Math.pow(SOFT_DECAY, SOFT_RESIDUALS - 1 - k);
    }

    /** The rows of a batch marked true, in order. */
    private static NDArray pick(NDArray batch, boolean[] rows) {
        NDList parts = new NDList();
        for (int r = 0; r < rows.length; r++) {
            if (rows[r]) {
                parts.add(batch.get(new NDIndex("{}:{}", r, r + 1)));
            }
        }
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 0);
    }

    /** Residuals of the picked rows back at their rows of the whole batch, zeros elsewhere. */
    private static List<NDArray> scatter(List<NDArray> picked, boolean[] rows) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray residual : picked) {
            NDList parts = new NDList();
            int next = 0;
            Shape one = new Shape(1).addAll(residual.getShape().slice(1));
            for (boolean row : rows) {
                parts.add(row ? residual.get(new NDIndex("{}:{}", next, next + 1)) : residual.getManager().zeros(one));
                next += row ? 1 : 0;
            }
            out.add(NDArrays.concat(parts, 0));
            residual.close();
        }
        return out;
    }
}
