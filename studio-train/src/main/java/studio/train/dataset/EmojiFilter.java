package studio.train.dataset;

import java.util.Optional;
import java.util.Set;

/**
 * Decides which emoji make useful training pictures for a 64 px text-to-image model. Rules go by code
 * points where possible (stable across name changes); see {@link SkipReason} for why each is left out.
 * Kept on purpose: single-person ZWJ sequences ("woman astronaut", "man red hair"), whose gender and
 * hair words are learnable, and the non-country flags ("rainbow flag", "chequered flag").
 */
public final class EmojiFilter {
    /** Code points of people in family / couple sequences: boy, girl, man, woman, person, child. */
    private static final Set<Integer> PEOPLE = Set.of(0x1F466, 0x1F467, 0x1F468, 0x1F469, 0x1F9D1, 0x1F9D2);

    public Optional<SkipReason> reasonToSkip(String key, String cldrName) {
        int[] cps = Codepoints.parse(key);
        int people = 0;
        for (int cp : cps) {
            if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
                return Optional.of(SkipReason.COUNTRY_FLAG); // regional indicator pair
            }
            if (cp >= 0xE0020 && cp <= 0xE007F) {
                return Optional.of(SkipReason.COUNTRY_FLAG); // tag sequence: England, Scotland, Wales
            }
            if (cp == Codepoints.KEYCAP) {
                return Optional.of(SkipReason.KEYCAP);
            }
            if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
                return Optional.of(SkipReason.SKIN_TONE);
            }
            if (PEOPLE.contains(cp)) {
                people++;
            }
        }
        if (people >= 2) {
            return Optional.of(SkipReason.MULTI_PERSON);
        }
        if (cldrName.startsWith("keycap")) {
            return Optional.of(SkipReason.KEYCAP); // "keycap 10" is one code point, U+1F51F
        }
        return Optional.empty();
    }
}
