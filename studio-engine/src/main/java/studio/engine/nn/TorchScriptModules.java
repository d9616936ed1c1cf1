package studio.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The engine's TorchScript modules ({@link FusedOps}, {@link DnnOps}): each assembled in memory from
 * its source file, loaded once, and called with tensors and integers.
 *
 * <p>Why: libtorch compiles TorchScript source when it loads a module, so a few lines of it reach
 * kernels DJL's JNI does not expose, with no native code of ours. The archive holds that source, the
 * pickled module object (a {@code FusedOps} with only {@code training = False}, the class name every
 * source declares) and the format version.
 */
final class TorchScriptModules {
    /** Lives as long as the process, as the modules do. */
    private static final PtNDManager MANAGER = (PtNDManager) ai.djl.ndarray.NDManager.newBaseManager("PyTorch");

    private TorchScriptModules() {
    }

    /** Compiles and loads the module of a source on the classpath; fails where libtorch lacks an op it calls. */
    static PtSymbolBlock load(String source) throws IOException {
        return JniUtils.loadModule(MANAGER, new ByteArrayInputStream(archive(source)), false, false);
    }

    /** Runs a method on tensors; the result goes to {@code owner}'s manager (and its NDScope). */
    static NDArray call(PtSymbolBlock module, String method, NDArray owner, NDArray... tensors) {
        return callWithLongs(module, method, owner, tensors);
    }

    /** As {@link #call} with integer arguments after the tensors. */
    static NDArray callWithLongs(PtSymbolBlock module, String method, NDArray owner, NDArray[] tensors, long... ints) {
        IValue[] in = new IValue[tensors.length + ints.length];
        try {
            for (int i = 0; i < tensors.length; i++) {
                in[i] = IValue.from((PtNDArray) tensors[i]);
            }
            for (int i = 0; i < ints.length; i++) {
                in[tensors.length + i] = IValue.from(ints[i]);
            }
            try (IValue out = IValueUtils.runMethod(module, method, in)) {
                return out.toTensor((PtNDManager) owner.getManager());
            }
        } finally {
            for (IValue v : in) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    /** The TorchScript archive of a source: code, the pickled module object, constants and format version. */
    static byte[] archive(String source) throws IOException {
        byte[] code;
        try (InputStream s = TorchScriptModules.class.getResourceAsStream(source)) {
            if (s == null) {
                throw new IOException("the engine jar lacks " + source);
            }
            code = s.readAllBytes();
        }
        // pickle protocol 2 of the object: GLOBAL '__torch__ FusedOps', NEWOBJ(), BUILD({'training': False})
        byte[] object = concat(new byte[] {(byte) 0x80, 2, 'c'}, "__torch__\nFusedOps\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {')', (byte) 0x81, '}', 'X', 8, 0, 0, 0}, "training".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0x89, 's', 'b', '.'});
        byte[] emptyTuple = {(byte) 0x80, 2, ')', '.'};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "fused_ops/data.pkl", object);
            stored(zip, "fused_ops/code/__torch__.py", code);
            stored(zip, "fused_ops/constants.pkl", emptyTuple);
            stored(zip, "fused_ops/.data/version", "10\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED); // torch's archive reader wants uncompressed entries
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
