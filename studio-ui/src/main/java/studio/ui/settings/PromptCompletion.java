package studio.ui.settings;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.TextArea;
import javafx.util.converter.DefaultStringConverter;
import org.controlsfx.control.textfield.AutoCompletionBinding;

/**
 * ControlsFX's completion popup on a prompt box (its own binding covers text fields only): as the
 * caret moves, the fragment before it ({@link PromptSuggestions}) is offered its completions; Down and
 * Up pick, Enter or a click puts the choice in place of the fragment, Escape closes.
 *
 * <p>ControlsFX asks for suggestions on a thread of its own, so the lists are copied on the FX
 * thread at each caret move and the provider reads only that copy.
 */
public final class PromptCompletion extends AutoCompletionBinding<String> {
    /** What the provider thread reads: the lists as they were at the last caret move. */
    private record Sources(List<String> words, List<String> loras, List<String> embeddings) {
    }

    private final TextArea area;
    private final Supplier<Sources> sources;
    private final AtomicReference<Sources> current;
    private final ChangeListener<Number> caretMoved = (o, a, caret) -> caretMoved(caret.intValue());

    private PromptCompletion(TextArea area, Supplier<Sources> sources, AtomicReference<Sources> current) {
        super(area, request -> {
            Sources s = current.get();
            return s == null ? List.of() : PromptSuggestions.suggest(request.getUserText(), s.words(), s.loras(), s.embeddings());
        }, new DefaultStringConverter());
        this.area = area;
        this.sources = sources;
        this.current = current;
        setDelay(100);
        area.caretPositionProperty().addListener(caretMoved);
    }

    /**
     * @param words      the picked model's known words (empty for CLIP models)
     * @param loras      the LoRA names of the models folder
     * @param embeddings the embedding names of the models folder
     */
    public static PromptCompletion bind(TextArea area, Supplier<List<String>> words, Supplier<List<String>> loras,
                                        Supplier<List<String>> embeddings) {
        return new PromptCompletion(area,
                () -> new Sources(List.copyOf(words.get()), List.copyOf(loras.get()), List.copyOf(embeddings.get())),
                new AtomicReference<>());
    }

    private void caretMoved(int caret) {
        if (!area.isFocused() || area.getSelection().getLength() > 0) {
            hidePopup();
            return;
        }
        current.set(sources.get());
        String fragment = PromptSuggestions.fragmentBefore(area.getText(), caret).text();
        if (fragment.isEmpty()) {
            hidePopup();
        } else {
            setUserInput(fragment);
        }
    }

    @Override
    protected void completeUserInput(String completion) {
        int caret = area.getCaretPosition();
        PromptSuggestions.Fragment fragment = PromptSuggestions.fragmentBefore(area.getText(), caret);
        area.replaceText(fragment.start(), caret, completion);
        hidePopup();
    }

    @Override
    public void dispose() {
        area.caretPositionProperty().removeListener(caretMoved);
    }
}
