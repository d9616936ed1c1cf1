package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are what Python's html.unescape returns for the same input. */
class HtmlUnescaperTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "&amp;|&",
        "&AMP;|&",
        "&amp|&",                         // legacy name without ';'
        "&ampxyz|&xyz",                   // longest legacy prefix, rest kept
        "&notit;|\u00acit;",
        "&notin;|\u2209",
        "&unknown;|&unknown;",
        "a & b|a & b",
        "&&amp;;|&&;",
        "&acE;|\u223e\u0333",             // a name for two code points
        "&#65|A",
        "&#X41;|A",
        "&#x1F600;|\uD83D\uDE00",
        "&#128;|\u20ac",                  // C1 range read as Windows-1252
        "&#150;|\u2013",
        "&#0;|\ufffd",
        "&#xD800;|\ufffd",
        "&#99999999;|\ufffd",
        "&#x110000;|\ufffd",
        "x&#1;y|xy",                      // control characters vanish
        "x&#x7f;y|xy",
        "x&#xFFFE;y|xy",
    })
    void decodesLikePython(String escaped, String expected) {
        assertEquals(expected, HtmlUnescaper.unescape(escaped));
    }
}
