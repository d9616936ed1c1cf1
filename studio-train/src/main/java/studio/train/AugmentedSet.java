package studio.train;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import studio.train.augment.ColourWords;
import studio.train.augment.HueShift;
import studio.train.augment.Placement;

/**
 * The training pictures plus their augmented copies, drawn in fixed shares per batch: originals,
 * recoloured copies whose caption names the new colour ({@link HueShift}, {@link ColourWords}), and
 * copies moved within the white field ({@link Placement}). Copies are made once, before the latents
 * are encoded, because the frozen autoencoder's pass is what costs; horizontal flips cost nothing and
 * are applied in latent space at draw time, only to pictures whose caption survives a mirror.
 */
public final class AugmentedSet {
    public static final int ORIGINAL = 0;
    public static final int RECOLOURED = 1;
    public static final int MOVED = 2;

    /** How the set is made and drawn from. */
    public record Recipe(int recolourTargets, float recolouredShare, float movedShare, float flipShare,
                         java.util.Set<String> neverRecoloured, long seed) {
        /**
         * The second edition's recipe. Apples and stars are never recoloured: "blue apple" and "purple
         * star" are the report's new combinations, and must stay unseen for that figure to mean anything.
         */
        public static Recipe defaults() {
            return new Recipe(3, 0.3f, 0.2f, 0.5f, java.util.Set.of("apple", "star"), 7L);
        }

        /** Originals only, never flipped (the first edition's recipe). */
        public static Recipe none() {
            return new Recipe(0, 0f, 0f, 0f, java.util.Set.of(), 0L);
        }

        boolean mayRecolour(String caption) {
            int comma = caption.lastIndexOf(", ");
            String name = comma < 0 ? caption : caption.substring(0, comma);
            for (String word : name.split(" ")) {
                if (neverRecoloured.contains(word)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Words that a mirror would make false: directions, clock faces, writing. */
    static final List<String> UNMIRRORED = List.of("left", "right", "facing", "clock", "button", "sign", "letter",
            "symbol", "number", "question", "input", "mark", "arrow", "keycap", "flag", "place", "ab", "abc", "abcd",
            "atm", "sos", "ng", "ok", "vs", "cl", "id", "new", "free", "up!", "cool", "top", "soon", "back", "end", "on!");

    private final ImageBank bank;
    private final int[][] members;
    private final boolean[] mirrorable;
    private final Recipe recipe;

    private AugmentedSet(ImageBank bank, int[][] members, boolean[] mirrorable, Recipe recipe) {
        this.bank = bank;
        this.members = members;
        this.mirrorable = mirrorable;
        this.recipe = recipe;
    }

    public static AugmentedSet of(ImageBank originals, Recipe recipe) {
        int size = originals.imageSize();
        Random random = new Random(recipe.seed());
        List<float[]> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<List<Integer>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < originals.count(); i++) {
            add(images, captions, groups.get(ORIGINAL), originals.image(i), originals.caption(i));
        }
        List<String> classes = ColourWords.classes();
        if (recipe.recolourTargets() > 0) {
            for (int i = 0; i < originals.count(); i++) {
                if (!recipe.mayRecolour(originals.caption(i))) {
                    continue;
                }
                OptionalDouble hue = HueShift.dominantHue(originals.image(i), size);
                if (hue.isEmpty()) {
                    continue;
                }
                String measured = HueShift.classOf(hue.getAsDouble());
                List<String> targets = new ArrayList<>(classes);
                java.util.Collections.shuffle(targets, random);
                for (String target : targets.subList(0, Math.min(recipe.recolourTargets(), targets.size()))) {
                    var caption = ColourWords.recoloured(originals.caption(i), measured, target);
                    if (caption.isEmpty()) {
                        break;
                    }
                    float[] image = target.equals(measured) ? originals.image(i)
                            : HueShift.recoloured(originals.image(i), size, hue.getAsDouble(), target);
                    add(images, captions, groups.get(RECOLOURED), image, caption.get());
                }
            }
        }
        if (recipe.movedShare() > 0) {
            for (int i = 0; i < originals.count(); i++) {
                add(images, captions, groups.get(MOVED), Placement.moved(originals.image(i), size, random),
                        originals.caption(i));
            }
        }
        boolean[] mirrorable = new boolean[captions.size()];
        for (int i = 0; i < mirrorable.length; i++) {
            mirrorable[i] = recipe.flipShare() > 0 && mirrorable(captions.get(i));
        }
        int[][] members = groups.stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        return new AugmentedSet(ImageBank.of(images.toArray(float[][]::new), captions.toArray(String[]::new), size),
                members, mirrorable, recipe);
    }

    private static void add(List<float[]> images, List<String> captions, List<Integer> group, float[] image,
                            String caption) {
        group.add(images.size());
        images.add(image);
        captions.add(caption);
    }

    /** Whether no word of the caption's name would be false of its mirror image. */
    static boolean mirrorable(String caption) {
        int comma = caption.lastIndexOf(", ");
        String name = comma < 0 ? caption : caption.substring(0, comma);
        for (String word : name.split("[ \\-]")) {
            for (String bad : UNMIRRORED) {
                if (word.equals(bad) || (bad.length() > 3 && word.contains(bad))) {
                    return false;
                }
            }
        }
        return true;
    }

    public ImageBank bank() {
        return bank;
    }

    /** How many pictures each group holds: originals, recoloured, moved. */
    public int[] groupSizes() {
        return new int[] {members[ORIGINAL].length, members[RECOLOURED].length, members[MOVED].length};
    }

    /** One batch's picture indices, each from a group chosen by the recipe's shares. */
    public int[] draw(Random random, int batch) {
        int[] idx = new int[batch];
        for (int i = 0; i < batch; i++) {
            float u = random.nextFloat();
            int group = u < recipe.recolouredShare() ? RECOLOURED
                    : u < recipe.recolouredShare() + recipe.movedShare() ? MOVED : ORIGINAL;
            int[] from = members[group].length > 0 ? members[group] : members[ORIGINAL];
            idx[i] = from[random.nextInt(from.length)];
        }
        return idx;
    }

    /** For each drawn picture, whether to mirror it this time. */
    public boolean[] mirrors(Random random, int[] indices) {
        boolean[] flip = new boolean[indices.length];
        for (int i = 0; i < indices.length; i++) {
            flip[i] = mirrorable[indices[i]] && random.nextFloat() < recipe.flipShare();
        }
        return flip;
    }
}
