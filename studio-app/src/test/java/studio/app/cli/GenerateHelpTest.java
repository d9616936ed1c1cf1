package studio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.app.CliResult.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import studio.app.CliResult;
import studio.engine.api.GenerationRequest;
import studio.engine.sampling.Samplers;

/** The generate command's help takes its samplers and limits from the engine and formats without warnings. */
class GenerateHelpTest {
    @Test
    void helpListsTheEnginesSamplersAndLimits() {
        PrintStream original = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        CliResult help;
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            help = run("generate", "--help");
        } finally {
            System.setErr(original);
        }
        assertEquals(0, help.code(), help.err());
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains(String.join(", ", Samplers.names()) + " (default: ddim)"), text);
        assertTrue(text.contains("1 to " + GenerationRequest.MAX_STEPS), text);
        assertTrue(text.contains("0 to " + GenerationRequest.MAX_GUIDANCE), text);
        assertTrue(text.contains("under 8% of the time"), text);
        String warnings = console.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("Could not format"), warnings);
    }
}
