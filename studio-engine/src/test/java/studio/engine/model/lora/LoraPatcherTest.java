package studio.engine.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.LoraWeight;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.DiffusionModel;
import studio.engine.nn.Param;
import studio.engine.nn.Precision;
import studio.engine.nn.Module;

/** Merging LoRAs into tiny-sd1's weights in place, by the formula, and undoing them bit for bit. */
class LoraPatcherTest {
    @TempDir
    Path dir;

    private static final String Q = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k";
    private static final String PROJ_IN = "lora_unet_down_blocks_0_attentions_0_proj_in";
    private static final String TE_Q = "lora_te_text_model_encoder_layers_0_self_attn_q_proj";
    private static final String CONV1 = "lora_unet_down_blocks_0_resnets_0_conv1";

    /** Linear (cross-attention k: 32 context → 32), 1×1 conv proj_in and a text-encoder projection, rank 4. */
    private TestLoras kohya() {
        return new TestLoras(1)
                .kohya(Q, new long[] {4, 32}, new long[] {32, 4}, 2f)
                .kohya(PROJ_IN, new long[] {4, 32, 1, 1}, new long[] {32, 4, 1, 1}, 8f)
                .kohya(TE_Q, new long[] {4, 32}, new long[] {32, 4}, null);
    }

    private static Map<String, Param> params(DiffusionModel model) {
        Map<String, Param> out = new java.util.LinkedHashMap<>();
        model.unet().parameters().forEach((k, p) -> out.put(CheckpointKeys.UNET + k, p));
        ((Module) model.textEncoder()).parameters().forEach((k, p) -> out.put(CheckpointKeys.CLIP + k, p));
        return out;
    }

    private static Map<Param, NDArray> snapshot(DiffusionModel model) {
        Map<Param, NDArray> out = new IdentityHashMap<>();
        params(model).values().forEach(p -> out.put(p, p.get()));
        return out;
    }

    private static float[] floats(Param p) {
        return Precision.toFloat32(p.get()).toFloatArray();
    }

    /** up · down × weight × alpha / rank, by hand. */
    private static float[] expectedDelta(float[] up, float[] down, int out, int rank, int in, double scale) {
        float[] d = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int r = 0; r < rank; r++) {
                    s += up[o * rank + r] * down[r * in + i];
                }
                d[o * in + i] = (float) (s * scale);
            }
        }
        return d;
    }

    private static void assertPatched(float[] base, float[] delta, float[] actual, String what) {
        for (int i = 0; i < base.length; i++) {
            assertEquals(base[i] + delta[i], actual[i], 1e-5, what + " [" + i + "]");
        }
    }

    @Test
    void kohyaLayersMergeByTheFormulaAndUndoBitForBit() {
        TestLoras lora = kohya();
        Path file = lora.write(dir.resolve("style.safetensors"));
        try (DiffusionModel model = TestLoras.tinySd1(Precision.FP32)) {
            Map<String, Param> params = params(model);
            Map<Param, NDArray> before = snapshot(model);
            Param k = params.get(CheckpointKeys.UNET + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight");
            Param projIn = params.get(CheckpointKeys.UNET + "input_blocks.1.1.proj_in.weight");
            Param teQ = params.get(CheckpointKeys.CLIP + "encoder.layers.0.self_attn.q_proj.weight");
            float[] kBase = floats(k);
            float[] projBase = floats(projIn);
            float[] teBase = floats(teQ);
            LoraPatcher patcher = new LoraPatcher(model);
            patcher.use(List.of(new LoraWeight("style", file.toString(), 0.7, 0.5)));

            assertEquals(3, patcher.patchedTensors());
            assertPatched(kBase, expectedDelta(lora.values(Q + ".lora_up.weight"), lora.values(Q + ".lora_down.weight"),
                    32, 4, 32, 0.7 * 2 / 4), floats(k), "attn2.to_k");
            assertPatched(projBase, expectedDelta(lora.values(PROJ_IN + ".lora_up.weight"),
                    lora.values(PROJ_IN + ".lora_down.weight"), 32, 4, 32, 0.7 * 8 / 4), floats(projIn), "proj_in (1x1)");
            assertPatched(teBase, expectedDelta(lora.values(TE_Q + ".lora_up.weight"),
                    lora.values(TE_Q + ".lora_down.weight"), 32, 4, 32, 0.5), floats(teQ), "text q_proj, alpha = rank");
            before.forEach((p, v) -> {
                if (p != k && p != projIn && p != teQ) {
                    assertSame(v, p.get(), "untouched weights are not copied");
                }
            });

            patcher.use(List.of());
            before.forEach((p, v) -> assertSame(v, p.get(), "restored: the very tensors loaded"));
            assertArrayEquals(kBase, floats(k));
        }
    }

    @Test
    void reweightingStartsFromTheOriginalNotFromThePatchedWeight() {
        Path file = kohya().write(dir.resolve("style.safetensors"));
        try (DiffusionModel model = TestLoras.tinySd1(Precision.FP32)) {
            Param k = params(model).get(CheckpointKeys.UNET + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight");
            LoraPatcher patcher = new LoraPatcher(model);
            patcher.use(List.of(LoraWeight.of("style", file.toString(), 0.7)));
            float[] direct = floats(k);
            patcher.use(List.of(LoraWeight.of("style", file.toString(), 0.2)));
            patcher.use(List.of(LoraWeight.of("style", file.toString(), 0.7)));
            assertArrayEquals(direct, floats(k));
            patcher.use(List.of(LoraWeight.of("style", file.toString(), 0.0)));
            patcher.restore();
        }
    }

    /** Switching LoRAs leaves exactly the loaded weights plus the patched ones on the model's manager, in fp32 and bf16. */
    @Test
    void switchingLeavesNothingBehindOnTheWeightsManager() {
        Path a = kohya().write(dir.resolve("a.safetensors"));
        Path b = new TestLoras(7).kohya(CONV1, new long[] {2, 32, 3, 3}, new long[] {32, 2, 1, 1}, 1f)
                .write(dir.resolve("b.safetensors"));
        for (Precision precision : new Precision[] {Precision.FP32, Precision.BF16}) {
            try (DiffusionModel model = TestLoras.tinySd1(precision)) {
                LoraPatcher patcher = new LoraPatcher(model);
                int loaded = model.weights().getManagedArrays().size();
                for (int i = 0; i < 5; i++) {
                    patcher.use(List.of(LoraWeight.of("a", a.toString(), 0.1 * i), LoraWeight.of("b", b.toString(), 1)));
                    assertEquals(loaded + patcher.patchedTensors(), model.weights().getManagedArrays().size(), precision + " patched");
                    patcher.use(List.of(LoraWeight.of("b", b.toString(), 0.5)));
                    assertEquals(loaded + 1, model.weights().getManagedArrays().size(), precision + " one weight patched");
                }
                patcher.use(List.of());
                assertEquals(loaded, model.weights().getManagedArrays().size(), precision + " restored");
            }
        }
    }

    @Test
    void loconKxkDownAndOneByOneUpOnAResnetConv() {
        TestLoras lora = new TestLoras(2).kohya(CONV1, new long[] {2, 32, 3, 3}, new long[] {32, 2, 1, 1}, 1f);
        Path file = lora.write(dir.resolve("locon.safetensors"));
        try (DiffusionModel model = TestLoras.tinySd1(Precision.FP32)) {
            Param conv = params(model).get(CheckpointKeys.UNET + "input_blocks.1.0.in_layers.2.weight");
            float[] base = floats(conv);
            LoraPatcher patcher = new LoraPatcher(model);
            patcher.use(List.of(LoraWeight.of("locon", file.toString(), 1.0)));
            assertPatched(base, expectedDelta(lora.values(CONV1 + ".lora_up.weight"), lora.values(CONV1 + ".lora_down.weight"),
                    32, 2, 32 * 9, 0.5), floats(conv), "conv1 3x3");
        }
    }

    @Test
    void sd2KeyProjectionPatchesTheKeyProjectionSplitFromOpenClipsPackedOne() {
        // SD 2.x's OpenCLIP tower runs in CLIP names, its packed in_proj split into q/k/v at load, so the
        // LoRA's k_proj update lands on k_proj alone (rows 32..63 of the file's in_proj_weight).
        String k = "lora_te_text_model_encoder_layers_1_self_attn_k_proj";
        TestLoras lora = new TestLoras(6).kohya(k, new long[] {4, 32}, new long[] {32, 4}, 4f);
        Path file = lora.write(dir.resolve("sd2.safetensors"));
        try (DiffusionModel model = TestLoras.tiny("tiny-sd2.safetensors", Precision.FP32)) {
            Map<String, Param> text = ((Module) model.textEncoder()).parameters();
            Param kProj = text.get("encoder.layers.1.self_attn.k_proj.weight");
            Param qProj = text.get("encoder.layers.1.self_attn.q_proj.weight");
            float[] base = floats(kProj);
            float[] q = floats(qProj);
            new LoraPatcher(model).use(List.of(LoraWeight.of("sd2", file.toString(), 1)));
            float[] patched = floats(kProj);
            float[] delta = expectedDelta(lora.values(k + ".lora_up.weight"), lora.values(k + ".lora_down.weight"), 32, 4, 32, 1);
            for (int i = 0; i < base.length; i++) {
                assertEquals(base[i] + delta[i], patched[i], 1e-5, "k_proj element " + i);
            }
            assertArrayEquals(q, floats(qProj), "q_proj untouched");
        }
    }

    @Test
    void bf16WeightsArePatchedFromFp32AndRestoredExactly() {
        Path file = kohya().write(dir.resolve("style.safetensors"));
        try (DiffusionModel model = TestLoras.tinySd1(Precision.BF16)) {
            Map<Param, NDArray> before = snapshot(model);
            Param k = params(model).get(CheckpointKeys.UNET + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight");
            DataType held = k.get().getDataType(); // DJL names bf16 UNKNOWN
            assertTrue(held != DataType.FLOAT32, "loaded in bf16");
            LoraPatcher patcher = new LoraPatcher(model);
            patcher.use(List.of(LoraWeight.of("style", file.toString(), 1.0)));
            assertEquals(held, k.get().getDataType(), "held in the model's precision");
            patcher.use(List.of());
            before.forEach((p, v) -> assertSame(v, p.get()));
        }
    }

    @Test
    void unmatchedKeysAreRefusedWithCountAndNamesAndTheModelIsUntouched() {
        Path file = kohya().kohya("lora_unet_down_blocks_7_attentions_0_proj_in", new long[] {4, 32}, new long[] {32, 4}, null)
                .kohya("lora_te_text_model_encoder_layers_9_mlp_fc1", new long[] {4, 32}, new long[] {128, 4}, null)
                .write(dir.resolve("odd.safetensors"));
        try (DiffusionModel model = TestLoras.tinySd1(Precision.FP32)) {
            Map<Param, NDArray> before = snapshot(model);
            LoraPatcher patcher = new LoraPatcher(model);
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> patcher.use(List.of(LoraWeight.of("odd", file.toString(), 1))));
            assertTrue(e.getMessage().startsWith("LoRA 'odd' (odd.safetensors): 2 of its 5 layers match no weight of the "), e.getMessage());
            assertTrue(e.getMessage().contains("lora_unet_down_blocks_7_attentions_0_proj_in"), e.getMessage());
            assertTrue(e.getMessage().contains("lora_te_text_model_encoder_layers_9_mlp_fc1"), e.getMessage());
            assertEquals(0, patcher.patchedTensors());
            before.forEach((p, v) -> assertSame(v, p.get()));
        }
    }

    @Test
    void badFilesGiveClearErrors() throws Exception {
        try (DiffusionModel model = TestLoras.tinySd1(Precision.FP32)) {
            LoraPatcher patcher = new LoraPatcher(model);
            Path wrongShape = new TestLoras(3).kohya(Q, new long[] {4, 64}, new long[] {32, 4}, null)
                    .write(dir.resolve("wide.safetensors"));
            String shape = assertThrows(InvalidRequestException.class,
                    () -> patcher.use(List.of(LoraWeight.of("wide", wrongShape.toString(), 1)))).getMessage();
            assertTrue(shape.contains("1 layers do not fit the shapes") && shape.contains("attn2.to_k.weight [32, 32]"), shape);

            TestLoras nan = kohya();
            float[] up = nan.values(PROJ_IN + ".lora_up.weight").clone();
            up[5] = Float.NaN;
            Path nanFile = nan.set(PROJ_IN + ".lora_up.weight", up).write(dir.resolve("nan.safetensors"));
            String nanMessage = assertThrows(InvalidRequestException.class,
                    () -> patcher.use(List.of(LoraWeight.of("nan", nanFile.toString(), 1)))).getMessage();
            assertEquals("LoRA 'nan' (nan.safetensors): tensor '" + PROJ_IN + ".lora_up.weight' holds NaN or infinite "
                    + "values; the file is damaged (download it again)", nanMessage);
            assertEquals(0, patcher.patchedTensors(), "a failed merge restores what it had patched");

            Path xl = kohya().meta("ss_base_model_version", "sdxl_base_v1-0").write(dir.resolve("xl.safetensors"));
            String family = assertThrows(InvalidRequestException.class,
                    () -> patcher.use(List.of(LoraWeight.of("xl", xl.toString(), 1)))).getMessage();
            assertTrue(family.contains("was made for SDXL models, but the model tiny-sd1 is SD 1.x"), family);

            Path peftXl = new TestLoras(5).pair("text_encoder_2.text_model.encoder.layers.0.self_attn.q_proj", ".lora_A.weight",
                    ".lora_B.weight", new long[] {4, 32}, new long[] {32, 4}, null).write(dir.resolve("peftxl.safetensors"));
            String xlByNames = assertThrows(InvalidRequestException.class,
                    () -> patcher.use(List.of(LoraWeight.of("peftxl", peftXl.toString(), 1)))).getMessage();
            assertTrue(xlByNames.contains("was made for SDXL models, but the model tiny-sd1 is SD 1.x"), xlByNames);

            Path pickled = Files.writeString(dir.resolve("old.pt"), "not read");
            String pt = assertThrows(InvalidRequestException.class,
                    () -> patcher.use(List.of(LoraWeight.of("old", pickled.toString(), 1)))).getMessage();
            assertTrue(pt.contains("pickled") && pt.contains("safetensors"), pt);

            Path loha = new TestLoras(4).tensor("lora_unet_x.hada_w1_a", new long[] {2, 2}).write(dir.resolve("loha.safetensors"));
            String lohaMessage = assertThrows(InvalidRequestException.class,
                    () -> patcher.use(List.of(LoraWeight.of("loha", loha.toString(), 1)))).getMessage();
            assertTrue(lohaMessage.contains("holds no LoRA layers") && lohaMessage.contains("hada_w1_a"), lohaMessage);
        }
    }
}
