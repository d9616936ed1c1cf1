package studio.engine.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.engine.model.DefaultModel;
import studio.engine.model.DiffusionModel;

/**
 * Tiled decoding of large latents against decoding the latent whole, on the built-in model's trained
 * autoencoder and the latent of a picture with smooth areas and sharp edges.
 */
class TiledDecodeTest {
    private static DiffusionModel model;

    @BeforeAll
    static void load() {
        model = DefaultModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** A smooth picture with edges: gradients, a disc and a bar, in [-1, 1], (1, 3, size, size). */
    private static NDArray picture(NDManager m, int size) {
        float[] px = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = x - size * 0.4;
                double dy = y - size * 0.55;
                boolean disc = dx * dx + dy * dy < size * size * 0.06;
                boolean bar = y > size * 0.15 && y < size * 0.25;
                float r = disc ? 0.9f : (float) x / size * 2 - 1;
                float g = bar ? -0.8f : (float) y / size * 2 - 1;
                float b = disc ? -0.5f : 0.3f;
                int i = y * size + x;
                px[i] = r;
                px[size * size + i] = g;
                px[2 * size * size + i] = b;
            }
        }
        return m.create(px, new Shape(1, 3, size, size));
    }

    private static double psnr(NDArray a, NDArray b) {
        // images in [-1, 1]: peak-to-peak 2
        double mse = a.sub(b).square().mean().getFloat();
        return 10 * Math.log10(4 / mse);
    }

    @Test
    void tilesBlendToTheWholeDecodeWithoutSeams() {
        AutoencoderKL vae = model.vae();
        int f = vae.config().downsamplingFactor();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray latent = vae.encodeMean(picture(m, 40 * f)); // a 40×40 latent
            NDArray whole = vae.decodeWhole(latent);
            NDArray tiled = vae.decodeTiled(latent, 24, 8); // tiles at 0 and 16 on each axis
            assertEquals(whole.getShape(), tiled.getShape());
            double quality = psnr(whole, tiled);
            // Measured 24.0 dB with shared GroupNorm statistics (17.0 dB when each tile normalised itself):
            // what is left is context the tiles cannot see (the mid-block attention, the receptive field
            // beyond the overlap), large here because this 64-px model's tiles are only 96 px wide.
            assertTrue(quality > 22, "tiled decode PSNR " + quality + " dB against the whole decode");
            // no seam: the error next to the tile boundaries is no worse than the error overall
            NDArray err = whole.sub(tiled).abs();
            double overall = err.mean().getFloat();
            int boundary = 24 * f; // where the first tile ends
            double atSeam = err.get(":, :, :, {}:{}", boundary - 2, boundary + 2).mean().getFloat();
            assertTrue(atSeam < 3 * overall + 1e-3, "error at the tile edge " + atSeam + " vs overall " + overall);
        }
    }

    /**
     * bf16 arithmetic (bf16 precision on a CPU with bf16 instructions) decodes in bf16: whole and in tiles
     * (a 72×72 latent, tiled by {@link AutoencoderKL#decode}) it stays close to the fp32 decode.
     */
    @Test
    void bf16DecodeStaysCloseToTheFp32DecodeWholeAndTiled() {
        AutoencoderKL vae = model.vae();
        int f = vae.config().downsamplingFactor();
        try (var arithmetic = studio.engine.testing.TemporaryProperty.set(studio.engine.nn.Bf16Arithmetic.PROPERTY, "on");
             DiffusionModel bf16 = DefaultModel.load(studio.engine.nn.Precision.BF16);
             NDManager m = NDManager.newBaseManager()) {
            for (int side : new int[] {32, 72}) {
                assertEquals(side > 64, TiledDecode.needed(new Shape(1, 4, side, side)));
                NDArray latent = vae.encodeMean(picture(m, side * f));
                NDArray reference = vae.decode(latent);
                NDArray image = bf16.vae().decode(latent);
                assertEquals(ai.djl.ndarray.types.DataType.FLOAT32, image.getDataType(), "the image is fp32 whatever the arithmetic");
                double db = psnr(reference, image);
                System.out.printf(java.util.Locale.ROOT, "bf16 decode of a %dx%d latent: PSNR %.1f dB against fp32%n", side, side, db);
                assertTrue(db >= 35, side + "x" + side + ": PSNR " + db + " dB");
            }
        }
    }

    @Test
    void oneTileIsTheWholeDecodeExactly() {
        AutoencoderKL vae = model.vae();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray latent = vae.encodeMean(picture(m, 16 * vae.config().downsamplingFactor()));
            NDArray whole = vae.decodeWhole(latent);
            NDArray tiled = vae.decodeTiled(latent, 16, 4);
            assertEquals(0f, whole.sub(tiled).abs().max().getFloat(), 1e-6f);
        }
    }

    @Test
    void tilesAreEvenAndFewCoverTheAxisAndEndFlush() {
        assertEquals("[0+64]", spans(64, 64, 16));
        assertEquals("[0+56, 40+56]", spans(96, 64, 16));
        assertEquals("[0+54, 38+54, 74+54]", spans(128, 64, 16));
        assertEquals("[0+24, 16+24]", spans(40, 24, 8));
        for (int length = 65; length <= 400; length++) {
            List<int[]> s = TiledDecode.spans(length, 64, 16);
            assertEquals(0, s.get(0)[0]);
            assertEquals(length, s.get(s.size() - 1)[0] + s.get(s.size() - 1)[1], "flush with the end at " + length);
            for (int i = 1; i < s.size(); i++) {
                int shared = s.get(i - 1)[0] + s.get(i - 1)[1] - s.get(i)[0];
                assertTrue(shared >= 16, "overlap " + shared + " at " + length);
                assertTrue(s.get(i)[1] <= 64);
            }
        }
    }

    private static String spans(int length, int tile, int overlap) {
        return TiledDecode.spans(length, tile, overlap).stream().map(s -> s[0] + "+" + s[1]).toList().toString();
    }
}
