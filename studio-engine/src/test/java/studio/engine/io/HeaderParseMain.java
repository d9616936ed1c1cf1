package studio.engine.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Parses one header file in a JVM of its own, so a test can give the parse a small heap. Exit 3: out of memory. */
public final class HeaderParseMain {
    private HeaderParseMain() {
    }

    public static void main(String[] args) throws Exception {
        byte[] json = Files.readAllBytes(Path.of(args[0]));
        try {
            System.out.println(SafetensorsHeader.parse("big.safetensors", json, 0).tensors().size());
        } catch (OutOfMemoryError e) {
            System.exit(3);
        }
    }
}
