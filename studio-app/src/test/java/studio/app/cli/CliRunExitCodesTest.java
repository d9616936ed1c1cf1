package studio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import studio.engine.api.EngineEvent.Failed.Kind;

/** Exit 2 for what the user can change, 1 for the rest, decided by the failure's kind alone. */
class CliRunExitCodesTest {
    @Test
    void everyKindHasItsExitCode() {
        assertEquals(2, CliRun.exitCode(Kind.INVALID_REQUEST));
        assertEquals(2, CliRun.exitCode(Kind.INPUT_FILE));
        assertEquals(2, CliRun.exitCode(Kind.OUT_OF_MEMORY));
        assertEquals(1, CliRun.exitCode(Kind.OUTPUT_FILE));
        assertEquals(1, CliRun.exitCode(Kind.CANCELLED));
        assertEquals(1, CliRun.exitCode(Kind.INTERNAL));
    }
}
