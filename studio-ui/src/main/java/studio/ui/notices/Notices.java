package studio.ui.notices;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The one message line of the studio and the offer to restore the parameters found in an opened
 * file. Only one notice shows at a time, so while an offer is open (neither taken nor closed) a new
 * notice keeps the offer's button rather than losing it.
 */
public final class Notices {
    private static final String RESTORE_LABEL = "Restore parameters";

    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<ParametersOffer> offer = new ReadOnlyObjectWrapper<>(this, "parametersOffer");
    private final Consumer<ParametersOffer> restore;
    private long serial;

    /** @param restore applies the parameters of an offer the user took */
    public Notices(Consumer<ParametersOffer> restore) {
        this.restore = restore;
    }

    /** Shows a message to the user. */
    public void notify(Notice.Kind kind, String text) {
        ParametersOffer open = offer.get();
        notice.set(open == null ? new Notice(kind, text, ++serial)
                : new Notice(kind, text + " (The parameters of " + open.source() + " can still be restored.)",
                        ++serial, RESTORE_LABEL, this::acceptParametersOffer));
    }

    /** Asks (in a notice with a button) whether to take over the parameters found in an opened file. */
    public void offerParameters(ParametersOffer parameters) {
        offer.set(parameters);
        notice.set(new Notice(Notice.Kind.INFO, parameters.source() + " carries generation parameters: "
                + parameters.summary() + ". Restore prompt, seed, steps, sampler, guidance and size?", ++serial,
                RESTORE_LABEL, this::acceptParametersOffer));
    }

    /** Takes over the offered parameters: prompt, negative prompt, seed, steps, sampler, guidance and frame size. */
    public void acceptParametersOffer() {
        ParametersOffer taken = offer.get();
        if (taken == null) {
            return;
        }
        offer.set(null);
        restore.accept(taken);
    }

    /** The user closed the offer's notice: later notices no longer carry its button. */
    public void dismissParametersOffer() {
        offer.set(null);
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Parameters found in the last opened file, until taken over or dismissed. */
    public ReadOnlyObjectProperty<ParametersOffer> parametersOfferProperty() {
        return offer.getReadOnlyProperty();
    }
}
