package studio.train.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmojiFilterTest {
    private final EmojiFilter filter = new EmojiFilter();

    private Optional<SkipReason> reason(String hex, String name) {
        return filter.reasonToSkip(Codepoints.ofHex(hex), name);
    }

    @Test
    void skipsCountryAndSubdivisionFlagsButKeepsOtherFlags() {
        assertEquals(Optional.of(SkipReason.COUNTRY_FLAG), reason("1F1EA-1F1EC", "flag Egypt"));
        assertEquals(Optional.of(SkipReason.COUNTRY_FLAG),
                reason("1F3F4-E0067-E0062-E0065-E006E-E0067-E007F", "flag England"));
        assertEquals(Optional.empty(), reason("1F3F3-FE0F-200D-1F308", "rainbow flag"));
        assertEquals(Optional.empty(), reason("1F3C1", "chequered flag"));
    }

    @Test
    void skipsKeycapsIncludingTheSingleCodepointTen() {
        assertEquals(Optional.of(SkipReason.KEYCAP), reason("0031-FE0F-20E3", "keycap 1"));
        assertEquals(Optional.of(SkipReason.KEYCAP), reason("1F51F", "keycap 10"));
    }

    @Test
    void skipsSequencesOfSeveralPeopleButKeepsOnePersonRoles() {
        assertEquals(Optional.of(SkipReason.MULTI_PERSON), reason("1F468-200D-1F469-200D-1F467", "family man, woman, girl"));
        assertEquals(Optional.of(SkipReason.MULTI_PERSON), reason("1F9D1-200D-1F91D-200D-1F9D1", "people holding hands"));
        assertEquals(Optional.of(SkipReason.MULTI_PERSON),
                reason("1F469-200D-2764-FE0F-200D-1F48B-200D-1F468", "kiss woman, man"));
        assertEquals(Optional.empty(), reason("1F468-200D-1F4BB", "man technologist"));
        assertEquals(Optional.empty(), reason("1F469-200D-1F680", "woman astronaut"));
        assertEquals(Optional.empty(), reason("1F46A", "family")); // one picture, one code point
    }

    @Test
    void skipsSkinToneVariants() {
        assertEquals(Optional.of(SkipReason.SKIN_TONE), reason("1F44D-1F3FD", "thumbs up medium skin tone"));
        assertEquals(Optional.of(SkipReason.SKIN_TONE), reason("1F3FB", ""));
        assertEquals(Optional.empty(), reason("1F44D", "thumbs up"));
    }

    @Test
    void keysIgnoreTheVariationSelector() {
        assertEquals("2764", Codepoints.ofHex("2764-FE0F"));
        assertEquals("2764", Codepoints.ofText("❤️"));
        assertEquals("1f468-200d-1f4bb", Codepoints.ofText("👨‍💻"));
    }
}
