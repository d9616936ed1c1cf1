package studio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.runCapturingConsole;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.app.CliResult;

/**
 * The whole recipe of the default model on a tiny dataset, through the same commands the model card
 * gives: dataset build, stage 1, stage 2, stage 2 resumed on some categories, export, and generation
 * with the exported file. A few steps each: this checks that the stages hand over to each other
 * (checkpoints, logs, vocabulary, latent scale, grids), not that the model learns.
 */
class TrainPipelineTest {
    @TempDir
    Path tmp;

    /** An npm cache with the names package and six flat Fluent SVGs in two categories. */
    private Path cache() throws IOException {
        Map<String, String[]> emoji = Map.of(
                "🍎", new String[] {"red apple", "Food & Drink", "red-apple", "#d02020"},
                "🍐", new String[] {"pear", "Food & Drink", "pear", "#90c030"},
                "🍋", new String[] {"lemon", "Food & Drink", "lemon", "#f0e020"},
                "🐱", new String[] {"cat face", "Animals & Nature", "cat-face", "#f0a030"},
                "🐟", new String[] {"fish", "Animals & Nature", "fish", "#3080e0"},
                "🌵", new String[] {"cactus", "Animals & Nature", "cactus", "#208040"});
        Path modules = tmp.resolve("cache/node_modules");
        Path names = Files.createDirectories(modules.resolve("unicode-emoji-json"));
        Files.writeString(names.resolve("package.json"), "{\"version\": \"0.9.0\"}");
        Path fluent = Files.createDirectories(modules.resolve("fluentui-emoji"));
        Files.writeString(fluent.resolve("package.json"), "{\"version\": \"1.3.0\"}");
        Path flat = Files.createDirectories(fluent.resolve("icons/flat"));
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String[]> entry : emoji.entrySet()) {
            String[] e = entry.getValue();
            json.append(json.length() > 1 ? "," : "").append('"').append(entry.getKey()).append("\": {\"name\": \"")
                    .append(e[0]).append("\", \"group\": \"").append(e[1]).append("\", \"skin_tone_support\": false}");
            Files.writeString(flat.resolve(e[2] + ".svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                    + "<circle cx=\"16\" cy=\"16\" r=\"11\" fill=\"" + e[3] + "\"/></svg>");
        }
        Files.writeString(names.resolve("data-by-emoji.json"), json.append('}'));
        return tmp.resolve("cache");
    }

    private static List<String> csvSteps(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
    }

    @Test
    void theModelCardsRecipeRunsEndToEndAndTheExportGenerates() throws IOException {
        Path data = tmp.resolve("dataset");
        Path work = tmp.resolve("work");
        CliResult build = runCapturingConsole("dataset", "build", "--sets", "fluent", "--cache", cache().toString(), "--npm",
                tmp.resolve("no-npm").toString(), "--out", data.toString(), "--heldout", "0.4", "--threads", "1");
        assertEquals(0, build.code(), build.err());
        assertTrue(build.out().contains("train: 5 pictures of 5 names"), "'red apple' hashes into the held-out 40%: " + build.out());

        String[] where = {"--data", data.toString(), "--work", work.toString(), "--batch", "2", "--log-every", "1"};
        CliResult vae = runCapturingConsole(concat(new String[] {"train", "vae", "--steps", "2"}, where));
        assertEquals(0, vae.code(), vae.err());
        assertEquals(List.of("1", "2"), csvSteps(work.resolve("vae-log.csv")));
        assertTrue(vae.out().contains("step 2/2"), vae.out());

        CliResult unet = runCapturingConsole(concat(new String[] {"train", "unet", "--steps", "2"}, where));
        assertEquals(0, unet.code(), unet.err());
        assertTrue(unet.out().contains("latent scale factor") && unet.out().contains("(measured)"), unet.out());
        assertTrue(Files.exists(work.resolve("samples/step-000002.png")), "a sample grid at the last step");

        CliResult focus = runCapturingConsole(concat(new String[] {"train", "unet", "--steps", "3", "--resume", "--categories", "Food & Drink"},
                where));
        assertEquals(0, focus.code(), focus.err());
        assertTrue(focus.out().contains("resumed the U-Net at step 2"), focus.out());
        assertTrue(focus.out().contains("(from the checkpoint)"), "a resumed run keeps its latent scale: " + focus.out());
        assertTrue(focus.out().contains("U-Net: 2 training pictures"),
                "pear and lemon only (red apple is held out, the rest are animals): " + focus.out());
        assertEquals(List.of("1", "2", "3"), csvSteps(work.resolve("unet-log.csv")), "the resumed run appends to the log");

        Path model = tmp.resolve("model");
        CliResult export = runCapturingConsole("train", "export", "--work", work.toString(), "--out", model.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.exists(model.resolve("vocabulary.json")));

        Path png = tmp.resolve("pear.png");
        CliResult generate = runCapturingConsole("generate", "--model", model.resolve("emoji-ldm.safetensors").toString(), "--prompt",
                "pear, fluent style", "--steps", "2", "--out", png.toString());
        assertEquals(0, generate.code(), generate.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(64, image.getWidth());
        assertEquals(64, image.getHeight());

        // A new edition starts from this release: its weights become step 0 of a new work folder.
        Path next = tmp.resolve("next");
        String[] nextWhere = {"--data", data.toString(), "--work", next.toString(), "--batch", "2", "--log-every", "1"};
        CliResult init = runCapturingConsole(concat(new String[] {"train", "init", "--from",
                model.resolve("emoji-ldm.safetensors").toString()}, new String[] {"--data", data.toString(), "--work",
                next.toString()}));
        assertEquals(0, init.code(), init.err());
        CliResult resumed = runCapturingConsole(concat(new String[] {"train", "unet", "--steps", "1", "--resume", "--lr",
                "1e-4"}, nextWhere));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resumed the U-Net at step 0") && resumed.out().contains("(from the checkpoint)"),
                "the release's weights and latent scale: " + resumed.out());
        assertTrue(resumed.out().matches("(?s).*pictures: 5 originals, \\d+ recoloured, 5 moved.*"), resumed.out());
        CliResult missing = runCapturingConsole("train", "init", "--from", tmp.resolve("nothing.safetensors").toString(),
                "--data", data.toString(), "--work", tmp.resolve("none").toString());
        assertEquals(StudioCommand.EXIT_BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("vocabulary.json beside it"), missing.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
