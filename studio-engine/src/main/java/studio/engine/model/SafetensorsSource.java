package studio.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import studio.engine.io.RegularFiles;
import studio.engine.io.SafetensorsFile;
import studio.engine.io.TensorInfo;

/** One safetensors file as a tensor source (memory-mapped, read per tensor). */
public final class SafetensorsSource implements TensorSource {
    private final SafetensorsFile file;
    private final Map<String, TensorInfo> infos = new LinkedHashMap<>();

    public SafetensorsSource(Path path) {
        RegularFiles.require(path, "a .safetensors checkpoint file");
        this.file = SafetensorsFile.open(path);
        for (TensorInfo t : file.tensors()) {
            infos.put(t.name(), t);
        }
    }

    @Override
    public Set<String> keys() {
        return infos.keySet();
    }

    @Override
    public long[] shape(String key) {
        return infos.get(key).shape();
    }

    @Override
    public String dtype(String key) {
        return infos.get(key).dtype().name();
    }

    @Override
    public NDArray load(String key, NDManager manager) {
        return file.load(key, manager);
    }

    @Override
    public Map<String, String> metadata() {
        return file.metadata();
    }

    @Override
    public String describe() {
        return file.path().getFileName().toString();
    }

    @Override
    public void close() {
        file.close();
    }
}
