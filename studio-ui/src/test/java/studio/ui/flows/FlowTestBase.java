package studio.ui.flows;

import javafx.stage.Stage;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;
import studio.ui.main.StudioViewModel;
import studio.ui.testing.Fx;
import studio.ui.testing.StudioDriver;
import studio.ui.testing.StudioFixture;

/**
 * A fresh studio window on the real generator and the default model for each test, at a size and
 * step count that keep a generation to seconds on a CPU.
 */
@ExtendWith(ApplicationExtension.class)
abstract class FlowTestBase {
    static final int SIDE = 64;
    /** Two Euler steps: enough for every code path (previews, final decode), and each step costs seconds here. */
    static final int STEPS = 2;
    StudioFixture studio;
    StudioViewModel vm;

    @BeforeEach
    void openStudio() throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        studio = StudioFixture.real();
        Fx.run(() -> {
            vm = studio.open(stage).viewModel();
            vm.settings().stepsProperty().set(STEPS);
            vm.settings().samplerProperty().set("euler");
            vm.canvas().setFrameSize(SIDE, SIDE);
        });
        Fx.waitUntil("the model list", 30, () -> !vm.models().scanningProperty().get());
    }

    @AfterEach
    void closeStudio() {
        studio.close();
    }

    StudioDriver user(FxRobot robot) {
        return new StudioDriver(robot, studio);
    }
}
