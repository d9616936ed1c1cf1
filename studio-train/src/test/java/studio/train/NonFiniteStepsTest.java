package studio.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NonFiniteStepsTest {
    @Test
    void finiteStepsAreUsedAndABurstShorterThanTheLimitIsOnlyDropped() {
        NonFiniteSteps steps = new NonFiniteSteps("U-Net");
        assertTrue(steps.accept(0.1f, 1f, 0));
        for (int i = 0; i < NonFiniteSteps.LIMIT - 1; i++) {
            assertFalse(steps.accept(0.1f, Float.NaN, 1));
        }
        assertTrue(steps.accept(0.1f, 1f, 1), "a usable step ends the burst");
        for (int i = 0; i < NonFiniteSteps.LIMIT - 1; i++) {
            assertFalse(steps.accept(0.1f, Float.POSITIVE_INFINITY, 2), "the count started again");
        }
    }

    @Test
    void gradientFaultsWithAFiniteLossStopTheRunAsResumable() {
        NonFiniteSteps steps = new NonFiniteSteps("U-Net");
        for (int i = 0; i < NonFiniteSteps.LIMIT - 1; i++) {
            steps.accept(i % 2 == 0 ? Float.NaN : 0.1f, Float.NaN, 1079);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> steps.accept(0.1f, Float.NaN, 1079));
        assertTrue(e.getMessage().startsWith("U-Net training paused at step 1079"), e.getMessage());
        assertTrue(e.getMessage().contains("the weights are fine") && e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void aLossThatStaysNonFiniteIsReportedAsDivergence() {
        NonFiniteSteps steps = new NonFiniteSteps("Autoencoder");
        for (int i = 0; i < NonFiniteSteps.LIMIT - 1; i++) {
            steps.accept(Float.NaN, Float.NaN, 300);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> steps.accept(Float.NaN, Float.NaN, 300));
        assertTrue(e.getMessage().startsWith("Autoencoder training diverged at step 300"), e.getMessage());
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("--seed"), e.getMessage());
    }
}
