import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * Lets DJL unpack libtorch and its JNI library into a folder the package ships (given as
 * ENGINE_CACHE_DIR at run time), using DJL's own layout so the installed app never unpacks them into
 * the user's home. Run with the app's jars on the class path:
 * {@code java -cp 'studio-app/target/lib/*' installers/common/ExtractNatives.java OUT_DIR}
 */
public final class ExtractNatives {
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ExtractNatives OUT_DIR");
            System.exit(2);
        }
        System.setProperty("ENGINE_CACHE_DIR", Path.of(args[0]).toAbsolutePath().toString());
        System.setProperty("ai.djl.offline", "true");
        Engine engine = Engine.getEngine("PyTorch");
        System.out.println("libtorch " + engine.getVersion() + " unpacked into " + args[0]);
    }
}
