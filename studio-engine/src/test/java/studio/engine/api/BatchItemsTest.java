package studio.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one rule for a batch item's seed, which the generator's noise and the saved parameters share. */
class BatchItemsTest {
    @Test
    void itemIIsSeedPlusIAlone() {
        GenerationRequest r = GenerationRequest.builder().prompt("x").seed(41).batchSize(3).build();
        assertEquals(43, r.itemSeed(2));
        GenerationRequest third = r.item(2);
        assertEquals(43, third.seed());
        assertEquals(1, third.batchSize());
        assertEquals(r.toBuilder().seed(43).batchSize(1).build(), third);
    }
}
