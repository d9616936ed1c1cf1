package studio.engine.nn.vae;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.engine.testing.Golden;
import studio.engine.testing.GoldenWeights;

/** The KL autoencoder against the PyTorch reference: blocks, encode (posterior mean) and decode. */
class VaeGoldenTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    /** The tiny reference VAE: ch 32, mult (1, 1), one res block, z 4 (a 2× autoencoder). */
    private static VaeConfig tiny() {
        return new VaeConfig(32, new int[] {1, 1}, 1, 4, 4, 0.18215f);
    }

    @Test
    void resnetBlockWithShortcutAttentionAndDownsample() {
        Golden.File nin = GoldenWeights.io("vae_resnet_nin");
        ResnetBlock block = GoldenWeights.fill(new ResnetBlock(64, 32), nin, "weights.", m);
        Golden.assertClose(nin.floats("out"), block.forward(GoldenWeights.array(nin, "x", m)).toFloatArray(), 1e-4, "nin");

        Golden.File attn = GoldenWeights.io("sd1_vae_attention");
        AttnBlock a = GoldenWeights.fill(new AttnBlock(32), GoldenWeights.checkpointOf(attn), attn.meta("studio.prefix"), m);
        Golden.assertClose(attn.floats("out"), a.forward(GoldenWeights.array(attn, "x", m)).toFloatArray(), 1e-4, "attention");

        Golden.File down = GoldenWeights.io("sd1_vae_downsample");
        Downsample d = GoldenWeights.fill(new Downsample(32), GoldenWeights.checkpointOf(down), down.meta("studio.prefix"), m);
        Golden.assertClose(down.floats("out"), d.forward(GoldenWeights.array(down, "x", m)).toFloatArray(), 1e-4, "downsample");
    }

    @Test
    void encodeAndDecode() {
        Golden.File enc = GoldenWeights.io("sd1_vae_encode");
        AutoencoderKL vae = GoldenWeights.fill(new AutoencoderKL(tiny()), GoldenWeights.checkpointOf(enc),
                enc.meta("studio.prefix"), m);
        NDArray image = GoldenWeights.array(enc, "image", m);
        Golden.assertClose(enc.floats("moments"), vae.moments(image).toFloatArray(), 1e-4, "moments");
        Golden.assertClose(enc.floats("mean"), vae.encodeMean(image).toFloatArray(), 1e-4, "posterior mean");

        Golden.File dec = GoldenWeights.io("sd1_vae_decode");
        Golden.assertClose(dec.floats("image"), vae.decode(GoldenWeights.array(dec, "z", m)).toFloatArray(), 1e-4, "decode");
    }
}
