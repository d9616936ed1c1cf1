package studio.engine.testing;

/** A system property set for the length of a try-with-resources block, then restored as it was. */
public final class TemporaryProperty implements AutoCloseable {
    private final String key;
    private final String before;

    private TemporaryProperty(String key, String value) {
        this.key = key;
        this.before = System.getProperty(key);
        System.setProperty(key, value);
    }

    public static TemporaryProperty set(String key, String value) {
        return new TemporaryProperty(key, value);
    }

    @Override
    public void close() {
        if (before == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, before);
        }
    }
}
