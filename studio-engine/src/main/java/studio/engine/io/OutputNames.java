package studio.engine.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/** Temporary files and never-replacing names for written results. */
final class OutputNames {
    /** Names tried before giving up: name.png, name-2.png ... name-10000.png. */
    static final int MAX_TRIES = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OutputNames() {
    }

    /**
     * A new empty hidden file beside {@code target}. Made with the default mode (0666 less the
     * umask), not {@link Files#createTempFile}'s 0600, because it becomes the result itself.
     */
    static Path tempFileBeside(Path target) throws IOException {
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
     * Gives the finished {@code temp} the first free name of {@code target}, {@code target-2}, ...
     * A hard link fails when the name exists, in one system call, so two processes cannot both take
     * one name (checking first and renaming after can). Where links are not supported, the name is
     * claimed as an empty file and then replaced by the finished one.
     */
    static Path publish(Path temp, Path target) throws IOException {
        for (int n = 1; n <= MAX_TRIES; n++) {
            Path name = n == 1 ? target : numbered(target, n);
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
            try {
                Files.move(temp, name, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, name, StandardCopyOption.REPLACE_EXISTING);
            }
            return name;
        }
        throw new IOException(target + " and " + (MAX_TRIES - 1) + " numbered variants of it exist already; "
                + "choose another name or folder");
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
