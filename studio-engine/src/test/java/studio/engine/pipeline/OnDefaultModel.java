package studio.engine.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that run the real pipeline on the built-in model, loaded once per test class. */
abstract class OnDefaultModel {
    static ModelRepository models;
    static StableDiffusionGenerator generator;

    @BeforeAll
    static void loadDefaultModel() {
        models = ModelRepository.defaultOnly();
        generator = new StableDiffusionGenerator(models);
    }

    @AfterAll
    static void closeDefaultModel() {
        models.close();
    }
}
