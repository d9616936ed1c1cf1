package studio.ui.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.io.ParsedParameters;

/** The message line and the offer to restore parameters, without the FX toolkit. */
class NoticesTest {
    private final List<ParametersOffer> restored = new ArrayList<>();
    private final Notices notices = new Notices(restored::add);

    private static ParametersOffer offer() {
        return new ParametersOffer("apple.png", new ParsedParameters("red apple", "", java.util.Map.of("Steps", "12", "Seed", "5", "Size", "64x64")));
    }

    @Test
    void anOpenOfferKeepsItsButtonOnLaterNoticesUntilTakenOnce() {
        notices.offerParameters(offer());
        Notice first = notices.noticeProperty().get();
        assertEquals("Restore parameters", first.actionLabel());
        notices.notify(Notice.Kind.ERROR, "Could not save x.png: disk full");
        Notice second = notices.noticeProperty().get();
        assertTrue(second.text().endsWith("(The parameters of apple.png can still be restored.)"), second.text());
        assertTrue(second.serial() > first.serial(), "each notice is new, even with the same text");
        second.action().run();
        assertEquals(1, restored.size());
        assertNull(notices.parametersOfferProperty().get());
        notices.acceptParametersOffer();
        assertEquals(1, restored.size(), "an offer is taken once");
        notices.notify(Notice.Kind.INFO, "Saved");
        assertNull(notices.noticeProperty().get().actionLabel());
    }

    @Test
    void aDismissedOfferLeavesLaterNoticesPlain() {
        notices.offerParameters(offer());
        notices.dismissParametersOffer();
        notices.notify(Notice.Kind.INFO, "Saved y.png");
        assertEquals("Saved y.png", notices.noticeProperty().get().text());
        assertTrue(restored.isEmpty());
    }
}
