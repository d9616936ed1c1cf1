package studio.engine.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The studio's sampler names and the display names AUTOMATIC1111 writes for them. */
final class A1111Samplers {
    private static final Map<String, String> DISPLAY = new LinkedHashMap<>();

    static {
        DISPLAY.put("ddim", "DDIM");
        DISPLAY.put("euler", "Euler");
        DISPLAY.put("euler_a", "Euler a");
        DISPLAY.put("dpmpp_2m", "DPM++ 2M");
        DISPLAY.put("dpmpp_2m_karras", "DPM++ 2M Karras");
        DISPLAY.put("ddpm", "DDPM");
        DISPLAY.put("lcm", "LCM");
    }

    private A1111Samplers() {
    }

    /** "Euler a" for euler_a; an unknown name is written as it is. */
    static String displayName(String sampler) {
        return DISPLAY.getOrDefault(sampler, sampler);
    }

    /**
     * The studio's sampler for an A1111 sampler and optional "Schedule type" (newer A1111 versions
     * write "DPM++ 2M" plus "Schedule type: Karras" where older ones wrote "DPM++ 2M Karras").
     * Case-insensitive; the studio's own names are accepted too. Empty when there is no equivalent.
     */
    static Optional<String> fromDisplayName(String display, String scheduleType) {
        String wanted = display.trim().toLowerCase(Locale.ROOT);
        if (scheduleType != null && scheduleType.trim().equalsIgnoreCase("karras")
                && !wanted.endsWith(" karras") && !wanted.endsWith("_karras")) {
            wanted = wanted + " karras";
        }
        for (Map.Entry<String, String> e : DISPLAY.entrySet()) {
            if (e.getValue().toLowerCase(Locale.ROOT).equals(wanted) || e.getKey().equals(wanted)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** All A1111 names this studio can run, for messages. */
    static String known() {
        return String.join(", ", DISPLAY.values());
    }
}
