package studio.engine.io;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.IntFunction;

/** Temporary files and never-replacing names for written results. */
final class OutputNames {
    /** Names tried before giving up: name.png, name-2.png ... name-10000.png. */
    static final int MAX_TRIES = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Age after which a temporary file is taken as left by a killed writer. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);
    private static final Pattern OUR_PART = Pattern.compile("\\..+\\.[0-9a-z]{1,13}\\.part");

    private OutputNames() {
    }

    /**
     * A new empty hidden file beside {@code target}. Made with the default mode (0666 less the
     * umask), not {@link Files#createTempFile}'s 0600, because it becomes the result itself.
     */
    static Path tempFileBeside(Path target) throws IOException {
        removeAbandonedParts(target.getParent());
        while (true) {
            Path temp = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                // another writer drew the same random name: draw again
            }
        }
    }

    /**
     * Deletes temporary files of ours that a killed process left in {@code folder}: hidden, named as
     * {@link #tempFileBeside} names them, and untouched for {@link #ABANDONED_AFTER} (a live writer
     * finishes its file in seconds). Best effort: a file another process removes first is no error.
     */
    static void removeAbandonedParts(Path folder) {
        if (folder == null) {
            return;
        }
        FileTime before = FileTime.from(Instant.now().minus(ABANDONED_AFTER));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, ".*.part")) {
            for (Path part : parts) {
                if (OUR_PART.matcher(part.getFileName().toString()).matches()
                        && Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(part, LinkOption.NOFOLLOW_LINKS).compareTo(before) < 0) {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // a folder we cannot list or clean is reported by the write that follows, if at all
        }
    }

    /**
     * Gives the finished {@code temp} the first free name of {@code target}, {@code target-2}, ...
     * A hard link fails when the name exists, in one system call, so two processes cannot both take
     * one name (checking first and renaming after can). Where links are not supported, the name is
     * claimed as an empty file and then replaced by the finished one.
     */
    static Path publish(Path temp, Path target) throws IOException {
        return publish(temp, n -> n == 1 ? target : numbered(target, n), 1,
                target + " and " + (MAX_TRIES - 1) + " numbered variants of it exist already; "
                        + "choose another name or folder");
    }

    /**
     * As {@link #publish(Path, Path)}, with the candidate names {@code nameFor(first)},
     * {@code nameFor(first + 1)}, ... ({@link #MAX_TRIES} of them).
     */
    static Path publish(Path temp, IntFunction<Path> nameFor, int first, String allTaken) throws IOException {
        for (int n = first; n < first + MAX_TRIES; n++) {
            Path name = nameFor.apply(n);
            try {
                Files.createLink(name, temp);
                return name;
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (AccessDeniedException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException noLinks) {
                // a file system without hard links (FAT, some network shares): claim the name below
            }
            try {
                Files.createFile(name);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            FileReplace.move(temp, name);
            return name;
        }
        throw new IOException(allTaken);
    }

    /** {@code a.png} → {@code a-2.png}. */
    static Path numbered(Path target, int n) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return target.resolveSibling(stem + "-" + n + extension);
    }
}
