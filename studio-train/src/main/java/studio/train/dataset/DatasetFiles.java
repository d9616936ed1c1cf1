package studio.train.dataset;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.engine.api.InvalidRequestException;

/** Reads and writes the dataset's {@code manifest.jsonl} (one {@link ManifestEntry} per line) and {@code dataset.json}. */
public final class DatasetFiles {
    public static final String MANIFEST = "manifest.jsonl";
    public static final String INFO = "dataset.json";
    public static final String IMAGES = "images";
    /** Written first by a build: tells a later build that it may clear this folder. */
    static final String MARKER = ".latent-studio-dataset";

    private static final Gson LINE = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .disableHtmlEscaping()
            .create();
    private static final Gson PRETTY = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .disableHtmlEscaping()
            .setPrettyPrinting()
            .create();

    private DatasetFiles() {
    }

    public static void writeManifest(Path dir, List<ManifestEntry> entries) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            for (ManifestEntry e : entries) {
                w.write(LINE.toJson(e));
                w.write('\n');
            }
        }
    }

    public static List<ManifestEntry> readManifest(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException("no " + MANIFEST + " in " + dir
                    + "; build the dataset first with 'studio dataset build --out " + dir + "'");
        }
        List<ManifestEntry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            ManifestEntry e;
            try {
                e = LINE.fromJson(line, ManifestEntry.class);
            } catch (JsonParseException ex) {
                throw new InvalidRequestException(file + " line " + (i + 1) + " is not valid JSON: " + ex.getMessage(), ex);
            }
            if (e == null || e.file() == null || e.caption() == null || e.split() == null) {
                throw new InvalidRequestException(file + " line " + (i + 1) + " lacks file, caption or split");
            }
            try {
                e.splitValue();
            } catch (IllegalArgumentException ex) {
                throw new InvalidRequestException(file + " line " + (i + 1) + ": " + ex.getMessage(), ex);
            }
            entries.add(e);
        }
        return entries;
    }

    public static void writeInfo(Path dir, DatasetInfo info) throws IOException {
        Files.writeString(dir.resolve(INFO), PRETTY.toJson(info) + "\n", StandardCharsets.UTF_8);
    }

    public static DatasetInfo readInfo(Path dir) throws IOException {
        Path file = dir.resolve(INFO);
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException("no " + INFO + " in " + dir + "; is this a folder made by 'studio dataset build'?");
        }
        DatasetInfo info;
        try {
            info = PRETTY.fromJson(Files.readString(file, StandardCharsets.UTF_8), DatasetInfo.class);
        } catch (JsonParseException e) {
            throw new InvalidRequestException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (info == null || !DatasetInfo.FORMAT.equals(info.format())) {
            throw new InvalidRequestException(file + " is not a " + DatasetInfo.FORMAT + " file (format is "
                    + (info == null ? "missing" : info.format()) + ")");
        }
        return info;
    }
}
