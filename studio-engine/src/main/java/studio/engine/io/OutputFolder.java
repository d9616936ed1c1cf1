package studio.engine.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.engine.api.GenerationRequest;
import studio.engine.api.ModelName;
import studio.engine.api.ResultSaver;
import studio.engine.image.RgbImage;

/**
 * Saves results as {@code <root>/<yyyy-MM-dd>/<counter>-<seed>.png}, A1111-style: the five-digit
 * counter continues from the highest already in that day's folder, and an existing file is never
 * replaced. Each PNG carries the A1111 parameters of its request.
 */
public final class OutputFolder implements ResultSaver {
    private static final Pattern NUMBERED = Pattern.compile("(\\d{5,})-.*\\.png");

    private final Path root;
    private final Clock clock;

    public OutputFolder(Path root) {
        this(root, Clock.systemDefaultZone());
    }

    /** With a clock, so the day folder is predictable in tests. */
    public OutputFolder(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /**
     * Writes the image and returns its path.
     *
     * @throws IOException naming the folder when it cannot be created or written to
     */
    @Override
    public synchronized Path save(RgbImage image, GenerationRequest parameters) throws IOException {
        Path day = root.resolve(LocalDate.now(clock).toString());
        try {
            Files.createDirectories(day);
        } catch (IOException e) {
            throw new IOException("cannot create output folder " + day.toAbsolutePath() + ": " + reason(e), e);
        }
        String text = A1111Parameters.format(parameters, ModelName.of(parameters.modelId()));
        int counter = nextCounter(day);
        try {
            // The name is claimed only when the PNG is whole (a hard link of the finished temp file,
            // which fails rather than replace what another process wrote): a crash never leaves an
            // empty or half-written numbered file behind.
            return PngImages.writeNew(image, n -> day.resolve(String.format("%05d-%d.png", n, parameters.seed())),
                    counter, text);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot write to output folder " + day.toAbsolutePath() + ": " + reason(e), e);
        }
    }

    private static int nextCounter(Path day) throws IOException {
        int highest = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(day, "*.png")) {
            for (Path f : files) {
                Matcher m = NUMBERED.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).length() <= 9) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot list output folder " + day.toAbsolutePath() + ": " + reason(e), e);
        }
        return highest + 1;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a folder";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
