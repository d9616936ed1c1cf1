package studio.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import studio.train.dataset.EmojiDataset;
import studio.train.dataset.ManifestEntry;
import studio.train.dataset.Split;

/**
 * One split of the dataset held in memory as (C, H, W) floats in [-1, 1] with captions: 4,500 pictures
 * of 64 px are about 220 MB, and reading PNGs every step would cost more than the step itself here.
 */
public final class ImageBank {
    private final float[][] images;
    private final String[] captions;
    private final int size;

    private ImageBank(float[][] images, String[] captions, int size) {
        this.images = images;
        this.captions = captions;
        this.size = size;
    }

    public static ImageBank load(EmojiDataset dataset, Split split) throws IOException {
        return load(dataset, split, e -> true);
    }

    /** The pictures of a split that {@code keep} accepts (e.g. some categories only). */
    public static ImageBank load(EmojiDataset dataset, Split split, Predicate<ManifestEntry> keep) throws IOException {
        List<ManifestEntry> entries = dataset.entries(split).stream().filter(keep).toList();
        List<float[]> images = new ArrayList<>(entries.size());
        List<String> captions = new ArrayList<>(entries.size());
        for (ManifestEntry e : entries) {
            EmojiDataset.Sample s = dataset.load(e);
            images.add(s.image());
            captions.add(s.caption());
        }
        return new ImageBank(images.toArray(float[][]::new), captions.toArray(String[]::new), dataset.imageSize());
    }

    public int count() {
        return images.length;
    }

    public int imageSize() {
        return size;
    }

    public String caption(int i) {
        return captions[i];
    }

    public float[] image(int i) {
        return images[i];
    }

    /** The indices of consecutive batches of at most {@code batch} pictures, in order (for passes over all). */
    public java.util.List<int[]> batches(int batch) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (int start = 0; start < images.length; start += batch) {
            int[] idx = new int[Math.min(batch, images.length - start)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = start + i;
            }
            out.add(idx);
        }
        return out;
    }

    /** Random indices for one batch. */
    public int[] sample(Random random, int batch) {
        int[] idx = new int[batch];
        for (int i = 0; i < batch; i++) {
            idx[i] = random.nextInt(images.length);
        }
        return idx;
    }

    /** The pictures at the indices as one (B, 3, H, W) array. */
    public NDArray batch(NDManager manager, int[] indices) {
        int plane = 3 * size * size;
        float[] data = new float[indices.length * plane];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(images[indices[i]], 0, data, i * plane, plane);
        }
        return manager.create(data, new Shape(indices.length, 3, size, size));
    }

    /** A bank of the given (3, size, size) pictures and their captions. */
    public static ImageBank of(float[][] images, String[] captions, int size) {
        return new ImageBank(images.clone(), captions.clone(), size);
    }

    /** Tries per picture to find a window that is not one flat colour. */
    static final int WINDOW_TRIES = 8;
    /** A window whose every channel spans less than this (of the [-1, 1] range) counts as flat. */
    static final float FLAT_RANGE = 0.02f;

    /**
     * Random {@code crop}×{@code crop} windows of the pictures at the indices, as (B, 3, crop, crop). The
     * autoencoder is convolutional, so it learns from crops at a quarter of the cost of whole pictures.
     * Flat windows (the white margin of an emoji) are redrawn: they teach nothing, and a constant
     * input makes GroupNorm's variance zero and its gradient blow up (70 of 1,700 steps were lost so).
     */
    public NDArray cropBatch(NDManager manager, int[] indices, int crop, Random random) {
        if (crop >= size) {
            return batch(manager, indices);
        }
        int plane = size * size;
        int cropPlane = crop * crop;
        float[] data = new float[indices.length * 3 * cropPlane];
        for (int i = 0; i < indices.length; i++) {
            float[] img = images[indices[i]];
            int y0;
            int x0;
            int tries = 0;
            do {
                y0 = random.nextInt(size - crop + 1);
                x0 = random.nextInt(size - crop + 1);
            } while (++tries < WINDOW_TRIES && isFlat(img, x0, y0, crop));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < crop; y++) {
                    System.arraycopy(img, c * plane + (y0 + y) * size + x0, data,
                            (i * 3 + c) * cropPlane + y * crop, crop);
                }
            }
        }
        return manager.create(data, new Shape(indices.length, 3, crop, crop));
    }

    /** Whether every channel of the window varies by less than {@link #FLAT_RANGE}. */
    boolean isFlat(float[] img, int x0, int y0, int crop) {
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int y = y0; y < y0 + crop; y++) {
                int row = c * plane + y * size;
                for (int x = x0; x < x0 + crop; x++) {
                    min = Math.min(min, img[row + x]);
                    max = Math.max(max, img[row + x]);
                }
            }
            if (max - min >= FLAT_RANGE) {
                return false;
            }
        }
        return true;
    }
}
