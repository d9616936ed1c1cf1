package studio.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest.Mode;
import studio.engine.edit.OutpaintCanvas;
import studio.engine.edit.OutpaintFill;
import studio.engine.edit.OutpaintPreparation;
import studio.engine.image.RgbImage;

/** What the frame cuts out of the canvas for each flow. */
class FrameComposerTest {

    private static ImageLayer picture(int w, int h) {
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | (i % w) << 16 | (i / w) << 8;
        }
        ImageLayer layer = new ImageLayer();
        layer.replace(new RgbImage(w, h, px), 0, 0);
        return layer;
    }

    private static MaskLayer mask(ImageLayer image) {
        MaskLayer m = new MaskLayer();
        m.resizeTo(image.bounds());
        return m;
    }

    @Test
    void textToImageHasNoInputs() {
        ImageLayer image = new ImageLayer();
        FrameInputs in = FrameComposer.compose(image, new MaskLayer(), new Rect(0, 0, 64, 64));
        assertEquals(Mode.TXT2IMG, in.mode());
        assertNull(in.initImage());
        assertNull(in.mask());
    }

    @Test
    void imageToImageCutsThePictureUnderTheFrame() {
        ImageLayer image = picture(100, 100);
        FrameInputs in = FrameComposer.compose(image, mask(image), new Rect(16, 24, 32, 32));
        assertEquals(Mode.IMG2IMG, in.mode());
        assertEquals(image.argbAt(16, 24), in.initImage().argb(0, 0));
        assertEquals(image.argbAt(47, 55), in.initImage().argb(31, 31));
        assertNull(in.mask());
    }

    @Test
    void inpaintTakesTheMaskUnderTheFrame() {
        ImageLayer image = picture(64, 64);
        MaskLayer mask = mask(image);
        MaskBrush.dab(mask, 40, 40, 4, 1, false);
        FrameInputs in = FrameComposer.compose(image, mask, new Rect(32, 32, 32, 32));
        assertEquals(Mode.INPAINT, in.mode());
        assertEquals(1f, in.mask().value(8, 8));
        assertEquals(0f, in.mask().value(20, 20));
    }

    @Test
    void outpaintMasksTheEmptyPartAndARampedBandOfThePictureAndFillsFromTheEdge() {
        ImageLayer image = picture(64, 64);
        Rect frame = new Rect(32, 0, 64, 64);
        FrameInputs in = FrameComposer.compose(image, mask(image), frame);
        assertEquals(Mode.OUTPAINT, in.mode());
        int band = OutpaintPreparation.defaultOverlap(64, 64);
        assertEquals(8, band);
        for (int x = 0; x < 64; x++) {
            // picture columns 0..31 of the frame; the last one touches the empty part
            float expected = x >= 32 ? 1f : x >= 32 - band ? 1f - (31 - x) / (float) band : 0f;
            assertEquals(expected, in.mask().value(x, 10), 1e-6f, "mask at frame x " + x);
        }
        assertEquals(image.argbAt(63, 10), in.initImage().argb(50, 10), "empty pixels take the nearest picture pixel");
        assertEquals(image.argbAt(40, 10), in.initImage().argb(8, 10), "picture pixels are kept");
        assertEquals(0xFF, in.initImage().argb(63, 63) >>> 24, "the init image is opaque");
    }

    @Test
    void theFrameAndTheCommandLinePrepareOutpaintingAlike() {
        ImageLayer image = picture(64, 64);
        FrameInputs studio = FrameComposer.compose(image, mask(image), new Rect(-16, 0, 64, 80));
        RgbImage under = new RgbImage(48, 64, image.crop(new Rect(0, 0, 48, 64)));
        OutpaintCanvas cli = OutpaintCanvas.create(under, 16, 0, 0, 16, OutpaintFill.EXTEND,
                OutpaintPreparation.defaultOverlap(64, 80), 0);
        assertEquals(cli.image(), studio.initImage());
        assertArrayEquals(cli.mask().values(), studio.mask().values());
    }

    @Test
    void emptyRowsCopyTheNearestRowWithPicture() {
        ImageLayer image = picture(32, 32);
        FrameInputs in = FrameComposer.compose(image, mask(image), new Rect(0, 16, 32, 32));
        assertEquals(image.argbAt(5, 31), in.initImage().argb(5, 28), "a row below the picture repeats its last row");
    }
}
