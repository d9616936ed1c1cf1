package studio.train.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CaptionsTest {
    @Test
    void cleanNamesAreLowercaseAsciiWords() {
        assertEquals("grinning face with big eyes", Captions.cleanName("grinning face with big eyes"));
        assertEquals("one oclock", Captions.cleanName("one o’clock"));
        assertEquals("pinata", Captions.cleanName("piñata"));
        assertEquals("a button blood type", Captions.cleanName("A button (blood type)"));
        assertEquals("japanese here button", Captions.cleanName("Japanese “here” button"));
        assertEquals("womans clothes", Captions.cleanName("woman’s clothes"));
        assertEquals("t rex", Captions.cleanName("T-Rex"));
        assertEquals("on arrow", Captions.cleanName("ON! arrow"));
        assertEquals("", Captions.cleanName(" ,;! "));
    }

    @Test
    void captionAppendsTheStyleWord() {
        assertEquals("red apple, noto style", Captions.caption("red apple", "noto"));
        assertEquals("red_apple", Captions.fileStem("red apple"));
    }
}
