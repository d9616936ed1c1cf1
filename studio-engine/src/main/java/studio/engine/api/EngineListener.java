package studio.engine.api;

/** Receives engine events on the engine thread; implementations must return quickly. */
@FunctionalInterface
public interface EngineListener {
    void onEvent(EngineEvent event);
}
