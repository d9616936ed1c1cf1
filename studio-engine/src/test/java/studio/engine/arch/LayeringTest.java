package studio.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine is a plain library others can use headless: no UI toolkit may leak into it, and it knows
 * nothing of training (the studio-train module builds on it, never the other way round).
 */
class LayeringTest {
    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("studio.engine");

    @Test
    void engineHasNoJavaFxOrUiDependency() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "studio.ui..", "studio.app..")
                .check(engine);
    }

    @Test
    void lowerLayersDoNotReachUpToThePipelineOrApi() {
        noClasses().that().resideInAnyPackage("studio.engine.nn..", "studio.engine.sampling..", "studio.engine.text..")
                .should().dependOnClassesThat().resideInAnyPackage("studio.engine.pipeline..")
                .check(engine);
    }

    @Test
    void engineDoesNotDependOnTraining() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("studio.train..")
                .check(engine);
    }
}
