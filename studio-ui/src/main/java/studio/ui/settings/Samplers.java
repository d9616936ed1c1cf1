package studio.ui.settings;

import java.util.List;

/** The sampler names every tool of the project shares, in the order the picker shows them. */
public final class Samplers {
    public static final List<String> NAMES = List.of("ddim", "euler", "euler_a", "dpmpp_2m", "dpmpp_2m_karras", "ddpm", "lcm");

    private Samplers() {
    }
}
