package studio.ui.main;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import studio.engine.api.EngineEvent;
import studio.engine.nn.Profile;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioFixture;
import studio.ui.testing.TestImages;

/**
 * Live mode's latency, as the user feels it: from the end of a brush stroke to the repainted frame
 * (the generation, the decode, saving the image and the hop to the FX thread), on the real generator and
 * the built-in model at 64×64. A benchmark that prints figures, not a test with a time limit; run it
 * on a quiet machine:
 * {@code mvn -pl studio-ui -am test -Dtest=LiveLatencyBench -Dstudio.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dbench.precision=bf16} for the studio's Precision setting at bf16).
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "studio.bench", matches = "true")
class LiveLatencyBench {
    private static final int STROKES = 12;
    /** Strokes before the measured ones: the JIT compilers take a core for the first dozen or so. */
    private static final int WARM_UP = 12;

    @Test
    void strokeToRepaintedFrame() throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        StudioFixture studio = StudioFixture.real();
        try {
            List<Double> engineMillis = java.util.Collections.synchronizedList(new ArrayList<>());
            studio.engine.addListener(e -> {
                if (e instanceof EngineEvent.Finished f) {
                    engineMillis.add(f.elapsed().toNanos() / 1e6);
                }
            });
            StudioViewModel vm = Fx.call(() -> studio.open(stage).viewModel());
            Fx.waitUntil("the model list", 30, () -> !vm.models().scanningProperty().get());
            Fx.run(() -> {
                vm.canvas().setFrameSize(64, 64);
                vm.openImage(TestImages.landscape(64, 64));
                vm.settings().promptProperty().set("yellow star, fluent style");
                vm.settings().samplerProperty().set("euler");
                vm.settings().precisionProperty().set(System.getProperty("bench.precision", "fp32"));
                vm.generation().liveProperty().set(true);
            });
            EngineEvent.Result previous = await(vm, null);
            for (int i = 0; i < WARM_UP; i++) {
                previous = stroke(vm, previous, 10 + 3 * i);
            }
            List<Double> millis = new ArrayList<>();
            Map<String, Long> cpuBefore = ThreadCpu.byGroup();
            Profile.reset();
            Profile.enable(true);
            for (int i = 0; i < STROKES; i++) {
                int y = 8 + 4 * i;
                long[] start = new long[1];
                Fx.run(() -> {
                    vm.canvas().beginStroke(10, y, false);
                    vm.canvas().strokeTo(50, y);
                    vm.canvas().endStroke();
                    start[0] = System.nanoTime();
                });
                previous = await(vm, previous);
                millis.add((System.nanoTime() - start[0]) / 1e6);
            }
            Map<String, Long> cpuAfter = ThreadCpu.byGroup();
            Profile.enable(false);
            Map<Profile.Kind, Double> seconds = Profile.seconds();
            Map<Profile.Kind, Long> calls = Profile.calls();
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "live latency, stroke end to repainted frame, built-in model 64x64, %d steps "
                            + "at most, no pause after a stroke (other changes wait %.0f ms): median %.0f ms, min %.0f ms, "
                            + "max %.0f ms over %d strokes after %d unmeasured%n",
                    LiveMode.MAX_STEPS, LiveMode.DEBOUNCE.toMillis(), sorted.get(sorted.size() / 2), sorted.get(0),
                    sorted.get(sorted.size() - 1), STROKES, WARM_UP);
            List<Double> inEngine = new ArrayList<>(engineMillis.subList(engineMillis.size() - STROKES, engineMillis.size()));
            Collections.sort(inEngine);
            System.out.printf(Locale.ROOT, "  of which in the engine (request start to the image saved): median %.0f ms%n",
                    inEngine.get(inEngine.size() / 2));
            StringBuilder cpu = new StringBuilder("  CPU per stroke by thread:");
            for (Map.Entry<String, Long> e : cpuAfter.entrySet()) {
                long used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
                cpu.append(String.format(Locale.ROOT, " %s %.0f ms;", e.getKey(), used / 1e6 / STROKES));
            }
            System.out.println(cpu);
            StringBuilder ops = new StringBuilder("  engine ops per stroke:");
            seconds.forEach((kind, s) -> ops.append(String.format(Locale.ROOT, " %s %.1f ms (%d calls);",
                    kind.name().toLowerCase(Locale.ROOT), s * 1e3 / STROKES, calls.get(kind) / STROKES)));
            System.out.println(ops);
        } finally {
            studio.close();
        }
    }

    /** One unmeasured horizontal stroke at row y, and its live result. */
    private static EngineEvent.Result stroke(StudioViewModel vm, EngineEvent.Result previous, int y) {
        Fx.run(() -> {
            vm.canvas().beginStroke(10, y, false);
            vm.canvas().strokeTo(50, y);
            vm.canvas().endStroke();
        });
        return await(vm, previous);
    }

    private static EngineEvent.Result await(StudioViewModel vm, EngineEvent.Result after) {
        Fx.waitUntil("a live result", 120, () -> vm.generation().liveResultProperty().get() != null
                && vm.generation().liveResultProperty().get() != after && !vm.generation().liveRunningProperty().get());
        return Fx.call(() -> vm.generation().liveResultProperty().get());
    }
}
