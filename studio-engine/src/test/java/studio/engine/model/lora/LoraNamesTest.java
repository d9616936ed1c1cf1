package studio.engine.model.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.DiffusersNames;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;

/** The LoRA naming table against the diffusers table it inverts, and the index rules of issue 17. */
class LoraNamesTest {
    private static Map<String, long[]> shapes(studio.engine.nn.Module m) {
        Map<String, long[]> out = new LinkedHashMap<>();
        m.parameters().forEach((k, p) -> out.put(k, p.shape().getShape()));
        return out;
    }

    private static UNetConfig tiny() {
        return new UNetConfig(4, 4, 32, new int[] {1, 1}, 1, new int[] {1}, 8, -1, 1, 32, false);
    }

    @Test
    void diffusersNamesRoundTripOverSd15Sd21AndTiny() {
        for (UNetConfig c : new UNetConfig[] {UNetConfig.sd15(), UNetConfig.sd21(), tiny()}) {
            Set<String> ldm = new UNetModel(c).parameters().keySet();
            Map<String, String> diffusers = LoraNames.diffusersNamesOf(ldm, c.numResBlocks() + 1);
            Set<String> diffusersKeys = Set.copyOf(diffusers.values());
            diffusers.forEach((l, d) -> assertEquals(l, DiffusersNames.unet(d, diffusersKeys), d));
            long weights = ldm.stream().filter(k -> k.endsWith(".weight")).count();
            assertEquals(weights, diffusers.keySet().stream().filter(k -> k.endsWith(".weight")).count(),
                    "every U-Net weight has a diffusers name");
        }
    }

    @Test
    void samplerConvsFollowTheIssuesIndexRulesOnSd15() {
        for (int i = 0; i < 3; i++) {
            assertEquals("down_blocks." + i + ".downsamplers.0.conv",
                    LoraNames.unetToDiffusers("input_blocks." + (3 + 3 * i) + ".0.op", 3));
        }
        for (int b = 0; b < 3; b++) {
            assertEquals("up_blocks." + b + ".upsamplers.0.conv",
                    LoraNames.unetToDiffusers("output_blocks." + (3 * b + 2) + "." + (b == 0 ? 1 : 2) + ".conv", 3));
        }
        assertEquals("down_blocks.1.resnets.0.conv_shortcut", LoraNames.unetToDiffusers("input_blocks.4.0.skip_connection", 3));
        assertEquals("mid_block.resnets.1.time_emb_proj", LoraNames.unetToDiffusers("middle_block.2.emb_layers.1", 3));
    }

    @Test
    void kohyaPeftAndOldDiffusersNamesMeetInOneTable() {
        UNetModel unet = new UNetModel(UNetConfig.sd15());
        Map<String, LoraNames.Target> table = LoraNames.forModel(shapes(unet), 3, List.of(new LoraNames.TextPart(
                LoraNames.TEXT, CheckpointKeys.CLIP, shapes(new ClipTextModel(TextEncoderConfig.clipVitL14())))));
        String q = CheckpointKeys.UNET + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight";
        assertEquals(q, table.get("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q").key());
        assertEquals(q, table.get(LoraNames.flat("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q")).key());
        assertEquals(q, table.get(LoraNames.flat("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor.to_q_lora")).key());
        assertEquals(q, table.get("lora_unet_input_blocks_1_1_transformer_blocks_0_attn1_to_q").key(), "original (SDXL) naming");
        assertEquals(CheckpointKeys.UNET + "output_blocks.3.1.transformer_blocks.0.attn2.to_out.0.weight",
                table.get(LoraNames.flat("unet.up_blocks.1.attentions.0.transformer_blocks.0.attn2.processor.to_out_lora")).key());
        assertEquals(CheckpointKeys.UNET + "input_blocks.3.0.op.weight",
                table.get("lora_unet_down_blocks_0_downsamplers_0_conv").key());
        assertEquals(CheckpointKeys.CLIP + "encoder.layers.11.mlp.fc2.weight",
                table.get("lora_te_text_model_encoder_layers_11_mlp_fc2").key());
        assertEquals(CheckpointKeys.CLIP + "encoder.layers.0.self_attn.q_proj.weight",
                table.get(LoraNames.flat("text_encoder.text_model.encoder.layers.0.self_attn.q_proj")).key());
        assertNull(LoraNames.flat("vae.decoder.conv_in"));
        assertTrue(table.keySet().stream().noneMatch(k -> k.contains("norm")), "norms are not LoRA targets");
    }

    @Test
    void sdxlsTwoEncodersAreTe1AndTe2() {
        Map<String, LoraNames.Target> table = LoraNames.forModel(Map.of(), 3, List.of(
                new LoraNames.TextPart("lora_te1_", CheckpointKeys.SDXL_CLIP, shapes(new ClipTextModel(TextEncoderConfig.clipVitL14()))),
                new LoraNames.TextPart("lora_te2_", CheckpointKeys.SDXL_OPEN_CLIP,
                        shapes(new ClipTextModel(TextEncoderConfig.openClipVitH14())))));
        assertEquals(CheckpointKeys.SDXL_CLIP + "encoder.layers.3.self_attn.v_proj.weight",
                table.get("lora_te1_text_model_encoder_layers_3_self_attn_v_proj").key());
        assertEquals(CheckpointKeys.SDXL_OPEN_CLIP + "encoder.layers.3.mlp.fc1.weight",
                table.get(LoraNames.flat("text_encoder_2.text_model.encoder.layers.3.mlp.fc1")).key());
        assertNull(table.get("lora_te_text_model_encoder_layers_3_mlp_fc1"), "SD 1.x names do not reach an SDXL model");
    }
}
