package studio.ui.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import studio.ui.main.StudioViewModel;
import studio.ui.main.StudioWindow;
import studio.ui.testing.CrashingStudio;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioFixture;

/**
 * Nothing is lost when the process dies: a studio in another JVM works on a picture and is killed
 * (SIGKILL, no shutdown hooks, no window close); a new studio over the same folders shows the same
 * canvas, mask, frame, prompt and history.
 */
@ExtendWith(ApplicationExtension.class)
class CrashRecoveryFlowTest {
    @TempDir
    Path root;

    @Test
    void killedStudioComesBackAsItWas() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "-Xmx512m",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-Djava.awt.headless=true", CrashingStudio.class.getName(), root.toString()))
                .redirectErrorStream(true).start();
        String ready;
        try {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readyLine(child));
            ready = line.get(180, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly(); // SIGKILL: the studio gets no chance to save on the way out
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertNotNull(ready, "the studio in the other process got ready");
        String[] facts = ready.split(" ");

        StudioFixture again = StudioFixture.synthetic(root, 0);
        try {
            StudioWindow window = Fx.call(() -> again.open(new Stage()));
            StudioViewModel vm = window.viewModel();
            assertEquals(facts[1], Fx.call(() -> Integer.toString(Arrays.hashCode(vm.canvas().image().toImage().pixels()))),
                    "the picture with the accepted result");
            assertEquals(facts[2], Fx.call(() -> Integer.toString(Arrays.hashCode(vm.canvas().mask().toImage().values()))),
                    "the mask");
            assertEquals(facts[3], Fx.call(() -> vm.canvas().frameProperty().get().toString()), "the frame");
            assertEquals("typed just before the crash", Fx.call(() -> vm.settings().promptProperty().get()));
            assertEquals(1, Fx.call(() -> vm.history().entries().size()));
            assertTrue(Files.isRegularFile(Fx.call(() -> vm.history().entries().get(0).savedTo())));
        } finally {
            Fx.run(() -> again.window.stage().hide());
            again.close();
        }
    }

    private static String readyLine(Process child) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder log = new StringBuilder();
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                if (l.startsWith("READY ")) {
                    return l;
                }
                log.append(l).append('\n');
            }
            throw new AssertionError("the studio process ended without getting ready:\n" + log);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
