package studio.engine.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last step of every whole-file write (pictures, checkpoints, the studio's session files): a
 * finished temporary file in the target's folder renamed over the target, so a reader sees the old
 * file or the new, never half of one.
 */
public final class FileReplace {
    private FileReplace() {
    }

    /**
     * Renames {@code temp} over {@code target}: atomically where the file system can, else a plain
     * replacing move (some network and FUSE file systems refuse atomic moves).
     */
    public static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
