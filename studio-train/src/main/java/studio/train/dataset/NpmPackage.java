package studio.train.dataset;

import java.util.Objects;

/** An npm package pinned to one exact version. */
public record NpmPackage(String name, String version) {
    public NpmPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** The spec npm install takes: name@version. */
    public String spec() {
        return name + "@" + version;
    }
}
