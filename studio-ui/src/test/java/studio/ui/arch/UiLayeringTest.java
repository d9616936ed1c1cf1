package studio.ui.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

/** The UI's own rules: state in view models without controls, and one crossing from the engine thread. */
class UiLayeringTest {
    private final JavaClasses ui = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("studio.ui");

    @Test
    void viewModelsHoldStateWithoutControls() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel").or().haveSimpleName("GenerationSettings")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene.control..", "javafx.scene.layout..",
                        "org.controlsfx..", "javafx.stage..")
                .because("views lay out and bind; view models keep state as properties and are tested without a window")
                .check(ui);
    }

    @Test
    void onlyTheEngineAdapterHopsOntoTheFxThread() {
        noClasses().that().doNotHaveSimpleName("FxEngineAdapter")
                .should().callMethod(Platform.class, "runLater", Runnable.class)
                .because("engine events reach the FX thread in one place, in order and coalesced")
                .check(ui);
    }

    @Test
    void theUiDoesNotReachIntoTheApp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("studio.app..").check(ui);
    }
}
