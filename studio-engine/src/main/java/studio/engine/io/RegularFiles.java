package studio.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import studio.engine.api.InvalidRequestException;

/**
 * Refuses paths that are not plain files before they are opened: opening a named pipe blocks until a
 * writer appears (a FIFO called model.safetensors hung the CLI), and a device never ends.
 */
public final class RegularFiles {
    private RegularFiles() {
    }

    /**
     * Passes a regular file (following links) or a path that does not exist (its opener reports that).
     *
     * @param what the kind of file expected, for the message, e.g. "a .safetensors checkpoint file"
     * @throws InvalidRequestException for a pipe, device, socket or folder
     */
    public static void require(Path path, String what) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return; // missing or unreadable: the open that follows says which
        }
        if (attributes.isDirectory()) {
            throw new InvalidRequestException(path + ": is a folder, not " + what);
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidRequestException(path + ": is not a regular file (a pipe, device or socket); give " + what);
        }
    }
}
