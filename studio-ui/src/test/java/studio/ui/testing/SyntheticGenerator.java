package studio.ui.testing;

import java.util.ArrayList;
import java.util.List;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Generator;
import studio.engine.api.Preview;
import studio.engine.api.Progress;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

/**
 * A real {@link Generator} for UI tests until the Stable Diffusion one lands: deterministic images
 * from prompt and seed, a preview every step that moves from noise to the final image, and a short
 * sleep per step so the UI sees a generation in progress. Honours init image, strength and mask the
 * way a diffusion pipeline does (only masked pixels change; strength sets how far from the init).
 */
public final class SyntheticGenerator implements Generator {
    private final long sleepPerStepMillis;
    private volatile int calls;

    public SyntheticGenerator(long sleepPerStepMillis) {
        this.sleepPerStepMillis = sleepPerStepMillis;
    }

    public int calls() {
        return calls;
    }

    @Override
    public List<RgbImage> generate(GenerationRequest request, Progress progress) {
        calls++;
        List<RgbImage> out = new ArrayList<>();
        for (int item = 0; item < request.batchSize(); item++) {
            long seed = request.itemSeed(item);
            RgbImage target = expected(request.item(item));
            int steps = request.initImage() == null ? request.steps()
                    : Math.max(1, (int) (request.strength() * request.steps()));
            RgbImage noise = noise(request.width(), request.height(), seed);
            for (int s = 1; s <= steps; s++) {
                progress.checkCancelled();
                sleep();
                double t = s / (double) steps;
                final int batchItem = item;
                progress.step(batchItem, s, steps, progress.wantsPreviews() ? new Preview(mix(noise, target, t),
                        s % Math.max(1, request.previewEvery()) == 0, java.time.Duration.ZERO) : null);
            }
            out.add(target);
        }
        return out;
    }

    /** The final image this generator makes for a single-item request. */
    public static RgbImage expected(GenerationRequest r) {
        int w = r.width();
        int h = r.height();
        long hash = r.prompt().hashCode() * 31L + r.seed();
        int base = (int) (hash ^ (hash >>> 24)) & 0xFFFFFF;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rr = (((base >> 16) & 0xFF) + x * 255 / w) & 0xFF;
                int gg = (((base >> 8) & 0xFF) + y * 255 / h) & 0xFF;
                int bb = (base & 0xFF) ^ ((x / 8 + y / 8) % 2 == 0 ? 0x40 : 0);
                px[y * w + x] = 0xFF000000 | rr << 16 | gg << 8 | bb;
            }
        }
        RgbImage pattern = new RgbImage(w, h, px);
        if (r.initImage() == null) {
            return pattern;
        }
        RgbImage init = r.initImage();
        GrayImage mask = r.mask();
        int[] result = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = r.strength() * (mask == null ? 1 : mask.value(x, y));
                result[y * w + x] = lerp(init.argb(x, y), pattern.argb(x, y), a);
            }
        }
        return new RgbImage(w, h, result);
    }

    private static RgbImage noise(int w, int h, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | random.nextInt(0x1000000);
        }
        return new RgbImage(w, h, px);
    }

    private static RgbImage mix(RgbImage a, RgbImage b, double t) {
        int[] pa = a.pixels();
        int[] pb = b.pixels();
        for (int i = 0; i < pa.length; i++) {
            pa[i] = lerp(pa[i], pb[i], t);
        }
        return new RgbImage(a.width(), a.height(), pa);
    }

    private static int lerp(int p, int q, double t) {
        int r = (int) Math.round(((p >> 16) & 0xFF) * (1 - t) + ((q >> 16) & 0xFF) * t);
        int g = (int) Math.round(((p >> 8) & 0xFF) * (1 - t) + ((q >> 8) & 0xFF) * t);
        int b = (int) Math.round((p & 0xFF) * (1 - t) + (q & 0xFF) * t);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private void sleep() {
        if (sleepPerStepMillis > 0) {
            try {
                Thread.sleep(sleepPerStepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
