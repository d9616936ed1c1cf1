package studio.app.bench;

import java.io.IOException;
import java.nio.file.Path;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.CheckpointKeys;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.nn.vae.VaeConfig;

/**
 * An SDXL base checkpoint with the real keys and shapes (2,515 tensors, 3.47 B weights in F16) and
 * all-zero data, as a sparse file: the U-Net, VAE and CLIP-L under their names, OpenCLIP bigG in its own
 * layout (fused in_proj, text_projection as (width, projection)), so it loads through the same name
 * table as a downloaded file. {@code SdxlHeaderOnlyTest} checks those keys against sgm's list.
 */
final class SdxlHeader {
    private static final String G = CheckpointKeys.SDXL_OPEN_CLIP;

    private SdxlHeader() {
    }

    static Path ensure(Path dir) throws IOException {
        return Sd15Header.writeOnce(dir.resolve("sdxl-zeros.safetensors"), SdxlHeader::addTensors);
    }

    private static void addTensors(SafetensorsWriter w) {
        Sd15Header.addZeros(w, CheckpointKeys.UNET, new UNetModel(UNetConfig.sdxl()));
        // the VAE's keys and shapes are SD's; its latent scale lives in no tensor
        Sd15Header.addZeros(w, CheckpointKeys.VAE, new AutoencoderKL(VaeConfig.sd()));
        Sd15Header.addZeros(w, CheckpointKeys.SDXL_CLIP, new ClipTextModel(TextEncoderConfig.sdxlClipL()));
        TextEncoderConfig g = TextEncoderConfig.sdxlBigG();
        w.addZeros(G + "token_embedding.weight", DType.F16, new long[] {g.vocabSize(), g.width()});
        w.addZeros(G + "positional_embedding", DType.F16, new long[] {g.contextLength(), g.width()});
        for (int i = 0; i < g.layers(); i++) {
            String p = G + "transformer.resblocks." + i + ".";
            w.addZeros(p + "attn.in_proj_weight", DType.F16, new long[] {3L * g.width(), g.width()});
            w.addZeros(p + "attn.in_proj_bias", DType.F16, new long[] {3L * g.width()});
            w.addZeros(p + "attn.out_proj.weight", DType.F16, new long[] {g.width(), g.width()});
            w.addZeros(p + "attn.out_proj.bias", DType.F16, new long[] {g.width()});
            for (String norm : new String[] {"ln_1.", "ln_2."}) {
                w.addZeros(p + norm + "weight", DType.F16, new long[] {g.width()});
                w.addZeros(p + norm + "bias", DType.F16, new long[] {g.width()});
            }
            w.addZeros(p + "mlp.c_fc.weight", DType.F16, new long[] {4L * g.width(), g.width()});
            w.addZeros(p + "mlp.c_fc.bias", DType.F16, new long[] {4L * g.width()});
            w.addZeros(p + "mlp.c_proj.weight", DType.F16, new long[] {g.width(), 4L * g.width()});
            w.addZeros(p + "mlp.c_proj.bias", DType.F16, new long[] {g.width()});
        }
        w.addZeros(G + "ln_final.weight", DType.F16, new long[] {g.width()});
        w.addZeros(G + "ln_final.bias", DType.F16, new long[] {g.width()});
        w.addZeros(G + "text_projection", DType.F16, new long[] {g.width(), g.projectionDim()});
        w.addZeros(G + "logit_scale", DType.F16, new long[] {});
    }
}
