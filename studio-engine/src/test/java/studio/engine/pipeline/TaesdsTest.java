package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import studio.engine.nn.taesd.TaesdDecoder;
import studio.engine.nn.taesd.TinyAutoencoder;

/** taesd and taesdxl share their shapes; each goes to the latent space its file name announces. */
class TaesdsTest {
    @Test
    void eachTaesdTakesTheSlotOfItsVariant() {
        try (NDManager weights = NDManager.newBaseManager()) {
            TinyAutoencoder sd = taesd("taesd_decoder.safetensors", weights);
            TinyAutoencoder xl = taesd("taesdxl_decoder.safetensors", weights);
            Taesds both = Taesds.of(xl, null, sd);
            assertSame(sd, both.sd());
            assertSame(xl, both.sdxl());
            Taesds onlySd = Taesds.of(sd);
            assertNull(onlySd.sdxl(), "an SD TAESD never decodes SDXL latents");
            assertTrue(Taesds.of().isEmpty());
        }
    }

    private static TinyAutoencoder taesd(String fileName, NDManager weights) {
        return new TinyAutoencoder(TinyAutoencoder.Variant.fromFileName(fileName), new TaesdDecoder(4), null,
                weights.newSubManager(), fileName);
    }
}
