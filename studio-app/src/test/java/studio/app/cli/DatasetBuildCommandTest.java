package studio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetBuildCommandTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DatasetBuildCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** A cache already holding the names package and fluentui-emoji with two flat SVGs, at the pinned versions. */
    private Path filledCache() throws IOException {
        Path modules = tmp.resolve("cache/node_modules");
        Path names = Files.createDirectories(modules.resolve("unicode-emoji-json"));
        Files.writeString(names.resolve("package.json"), "{\"version\": \"0.9.0\"}");
        Files.writeString(names.resolve("data-by-emoji.json"), """
                {"🍎": {"name": "red apple", "group": "Food & Drink", "skin_tone_support": false},
                 "🍐": {"name": "pear", "group": "Food & Drink", "skin_tone_support": false}}
                """);
        Path fluent = Files.createDirectories(modules.resolve("fluentui-emoji"));
        Files.writeString(fluent.resolve("package.json"), "{\"version\": \"1.3.0\"}");
        Path flat = Files.createDirectories(fluent.resolve("icons/flat"));
        for (String stem : List.of("red-apple", "pear")) {
            Files.writeString(flat.resolve(stem + ".svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
                    + "<circle cx=\"16\" cy=\"16\" r=\"10\" fill=\"#e03030\"/></svg>");
        }
        return tmp.resolve("cache");
    }

    @Test
    void buildsFromAFilledCacheWithoutRunningNpm() throws IOException {
        Path dataset = tmp.resolve("dataset");
        Path sheet = tmp.resolve("sheet.png");
        int code = run("--sets", "fluent", "--cache", filledCache().toString(), "--npm", tmp.resolve("no-npm").toString(),
                "--out", dataset.toString(), "--size", "16", "--heldout", "0", "--threads", "1",
                "--contact-sheet", sheet.toString());
        assertEquals(0, code, err.toString());
        List<String> manifest = Files.readAllLines(dataset.resolve("manifest.jsonl"));
        assertEquals(2, manifest.size());
        assertTrue(manifest.get(0).contains("\"caption\":\"pear, fluent style\""), manifest.get(0));
        assertTrue(out.toString().contains("already in"), out.toString());
        assertTrue(out.toString().contains("train: 2 pictures of 2 names"), out.toString());
        assertTrue(Files.size(sheet) > 0);
    }

    @Test
    void unknownSetIsABadInputWithTheChoices() {
        assertEquals(2, run("--sets", "noto,bogus", "--out", tmp.resolve("d").toString()));
        assertTrue(err.toString().contains("unknown emoji set 'bogus'"), err.toString());
        assertTrue(err.toString().contains("noto, twemoji, fluent"), err.toString());
    }

    @Test
    void badBackgroundAndSizeAreBadInputs() {
        assertEquals(2, run("--background", "white", "--out", tmp.resolve("d").toString()));
        assertTrue(err.toString().contains("--background"), err.toString());
        assertEquals(2, run("--size", "2", "--out", tmp.resolve("d").toString()));
        assertTrue(err.toString().contains("--size"), err.toString());
    }

    @Test
    void emptyCacheWithoutNpmExplainsWhatToDo() {
        int code = run("--cache", tmp.resolve("empty-cache").toString(), "--npm", tmp.resolve("no-npm").toString(),
                "--out", tmp.resolve("d").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("Install Node.js"), err.toString());
        assertTrue(err.toString().contains("emoji-datasource-google@16.0.0"), err.toString());
    }

    @Test
    void trainingOnCategoriesTheDatasetLacksIsRefusedWithTheOnesItHas() throws IOException {
        Path dataset = tmp.resolve("dataset");
        assertEquals(0, run("--sets", "fluent", "--cache", filledCache().toString(), "--npm", tmp.resolve("no-npm").toString(),
                "--out", dataset.toString(), "--size", "16", "--heldout", "0", "--threads", "1"), err.toString());
        StringWriter trainOut = new StringWriter();
        StringWriter trainErr = new StringWriter();
        int code = studio.app.Main.run(new String[] {"train", "unet", "--data", dataset.toString(), "--work",
                tmp.resolve("work").toString(), "--categories", "Food & Drink,Flags"},
                new PrintWriter(trainOut, true), new PrintWriter(trainErr, true));
        assertEquals(StudioCommand.EXIT_BAD_INPUT, code, trainErr.toString());
        assertTrue(trainErr.toString().contains("--categories: no category 'Flags' in " + dataset + "; it has Food & Drink"),
                trainErr.toString());
        assertTrue(!trainErr.toString().contains("\tat "), "no stack trace: " + trainErr);
    }

    @Test
    void aReportWithoutAnExportedModelSaysWhatToDoAndWritesNothing() {
        Path modelDir = tmp.resolve("no-model");
        StringWriter reportOut = new StringWriter();
        StringWriter reportErr = new StringWriter();
        int code = studio.app.Main.run(new String[] {"train", "report", "--model-dir", modelDir.toString(),
                "--work", tmp.resolve("work").toString()}, new PrintWriter(reportOut, true), new PrintWriter(reportErr, true));
        assertEquals(StudioCommand.EXIT_BAD_INPUT, code, reportErr.toString());
        assertTrue(reportErr.toString().contains(modelDir.resolve("emoji-ldm.safetensors") + " is missing: export the model "
                + "first ('studio train export')"), reportErr.toString());
        assertTrue(!Files.exists(modelDir), "no figures folder is made for a model that is not there");
    }
}
