package studio.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.app.CliResult;
import studio.engine.io.SafetensorsFile;

/** {@code studio bench}: the table, the PyTorch side's results read back, and the same-work check. */
class BenchCommandTest {
    private static final Path SCRIPT = Path.of("..", "tools", "reference", "bench_reference.py");

    @TempDir
    Path dir;

    private static String[] quick(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--case", "default-64", "--steps", "2",
                "--repeats", "1", "--threads", "1"));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    @Test
    void javaOnlyRunPrintsEveryOperationAndThePreviewOverhead() {
        CliResult r = run(quick("--no-reference"));
        assertEquals(0, r.code(), r.err());
        for (String row : List.of("text encode (2 prompts)", "U-Net step (batch 2)", "VAE decode", "whole generation")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(row) && l.contains(" - ")), row + " in\n" + r.out());
        }
        assertTrue(r.out().contains("inside the preview calls:"), r.out());
    }

    @Test
    void controlReportsWhatOneControlNetAddsPerStep() {
        CliResult r = run(quick("--control"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("one ControlNet (balanced, random weights"), r.out());
        assertTrue(r.out().matches("(?s).*ms per step = [+-][0-9.]+% of a step.*"), r.out());
        assertTrue(r.out().matches("(?s).*one guided pass \\(batch 2\\): ControlNet [0-9.]+ ms, U-Net [0-9.]+ ms.*"), r.out());
    }

    @Test
    void liveTimesTheStrokeRequestFromSubmissionToTheSavedImage() {
        CliResult r = run(new String[] {"bench", "--case", "default-64,builtin-64", "--live"});
        assertEquals(0, r.code(), r.err());
        for (String model : List.of("default-64", "builtin-64")) { // builtin-64: the studio's own trained model
            assertTrue(r.out().matches("(?s).*live request on " + model + " at 64x64 \\(inpainting a stroke at 8 steps, image saved\\): "
                    + "median [0-9]+ ms, min [0-9]+ ms, max [0-9]+ ms over 12 strokes.*"), r.out());
        }
        CliResult timing = run(new String[] {"bench", "--case", "builtin-64", "--no-reference"});
        assertEquals(2, timing.code(), timing.out());
        assertTrue(timing.err().contains("builtin-64 is a case for --live only"), timing.err());
    }

    @Test
    void theReferencesResultsAreReadAndComparedOperationByOperation() throws Exception {
        // a stand-in for the PyTorch side: every operation took 1000 ms of CPU and 2000 ms of wall time
        Path fake = Files.writeString(dir.resolve("fake.sh"), String.join("\n",
                "case_dir=\"$2\"",
                "op='{\"best\": 2000, \"median\": 2000, \"best_cpu\": 1000, \"runs\": 1}'",
                "printf '{\"torch\": \"fake\", \"default_threads\": 1, \"results\": {\"1\": {\"text\": %s, \"unet\": %s,"
                        + " \"vae\": %s, \"generation\": %s}}, \"check\": {\"unet_max_rel_err\": 0.5}}' "
                        + "\"$op\" \"$op\" \"$op\" \"$op\" > \"$case_dir/pytorch.json\"",
                "echo done"));
        CliResult r = run(quick("--work", dir.toString(), "--python", "/bin/sh", "--reference-script", fake.toString()));
        assertEquals(0, r.code(), r.err() + r.out());
        Matcher row = Pattern.compile("U-Net step \\(batch 2\\)\\s+1 \\|\\s+(\\S+)\\s+(\\S+)\\s+(\\S+) \\|\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)")
                .matcher(r.out());
        assertTrue(row.find(), r.out());
        assertEquals("1000.0", row.group(2));
        // the ratio is printed from the unrounded time, so allow for the rounding of both printed figures
        assertEquals(Double.parseDouble(row.group(1)) / 1000, Double.parseDouble(row.group(3)), 0.0051 + 0.05 / 1000);
        assertEquals("2000.0", row.group(5));
        assertEquals(Double.parseDouble(row.group(4)) / 2000, Double.parseDouble(row.group(6)), 0.0051 + 0.05 / 2000);
        assertTrue(r.out().contains("unet 5.0e-01"), r.out());

        // what the reference reads: configs in its own naming, every weight under its component
        Path caseDir = dir.resolve("default-64");
        JsonObject c = JsonParser.parseString(Files.readString(caseDir.resolve("case.json"))).getAsJsonObject();
        assertEquals(32, c.getAsJsonObject("unet").get("model_channels").getAsInt());
        assertEquals("clip", c.get("text_kind").getAsString());
        assertEquals(2, c.get("steps").getAsInt());
        assertEquals(77, c.getAsJsonArray("cond_ids").size());
        try (SafetensorsFile weights = SafetensorsFile.open(caseDir.resolve("weights.safetensors"))) {
            assertTrue(weights.contains("unet.time_embed.0.weight"));
            assertTrue(weights.contains("vae.decoder.conv_in.weight"));
            assertTrue(weights.contains("text.embeddings.token_embedding.weight"));
        }
    }

    @Test
    void theRealReferenceComputesWhatJavaComputes() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SCRIPT), "run from studio-app with the repository around it");
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor() == 0, "needs /usr/bin/python3 with PyTorch (apt-get install python3-torch)");
        CliResult r = run(quick("--work", dir.toString(), "--reference-script", SCRIPT.toString()));
        assertEquals(0, r.code(), r.err() + r.out());
        Matcher check = Pattern.compile("text (\\S+) unet (\\S+) vae (\\S+)").matcher(r.out());
        assertTrue(check.find(), r.out());
        for (int i = 1; i <= 3; i++) {
            assertTrue(Double.parseDouble(check.group(i)) < 1e-4, "relative error " + check.group(i) + " in\n" + r.out());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("whole generation") && !l.contains(" - ")), r.out());
    }
}
