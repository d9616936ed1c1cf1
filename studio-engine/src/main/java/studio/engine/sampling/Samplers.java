package studio.engine.sampling;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import studio.engine.api.InvalidRequestException;

/** The samplers the studio offers, by the names requests, the CLI and PNG metadata use. */
public final class Samplers {

    public static final SamplerSpec DDIM = new SamplerSpec("ddim", "DDIM", Ddim::sample,
            DiscreteSchedule::ddimSigmas, LatentSpace.VP, Img2ImgConvention.COMPVIS_DDIM);
    public static final SamplerSpec EULER = new SamplerSpec("euler", "Euler", Euler::sample,
            DiscreteSchedule::sigmas, LatentSpace.VE, Img2ImgConvention.TAIL);
    public static final SamplerSpec EULER_A = new SamplerSpec("euler_a", "Euler a", EulerAncestral::sample,
            DiscreteSchedule::sigmas, LatentSpace.VE, Img2ImgConvention.TAIL);
    public static final SamplerSpec DPMPP_2M = new SamplerSpec("dpmpp_2m", "DPM++ 2M", DpmPp2m::sample,
            DiscreteSchedule::sigmas, LatentSpace.VE, Img2ImgConvention.TAIL);
    public static final SamplerSpec DPMPP_2M_KARRAS = new SamplerSpec("dpmpp_2m_karras", "DPM++ 2M Karras",
            DpmPp2m::sample, DiscreteSchedule::karras, LatentSpace.VE, Img2ImgConvention.TAIL);
    public static final SamplerSpec DDPM = new SamplerSpec("ddpm", "DDPM", Ddpm::sample,
            DiscreteSchedule::ddpmSigmas, LatentSpace.VP, Img2ImgConvention.TAIL);
    /** For latent consistency models and LCM-LoRAs: 4–8 steps, guidance ≤ 1 (see {@link Lcm#guidance}). */
    public static final SamplerSpec LCM = new SamplerSpec("lcm", "LCM", Lcm::sample,
            Lcm::sigmas, LatentSpace.VP, Img2ImgConvention.TAIL);

    private static final List<SamplerSpec> ALL = List.of(DDIM, EULER, EULER_A, DPMPP_2M, DPMPP_2M_KARRAS, DDPM, LCM);

    private Samplers() {
    }

    /** Every sampler, in the order a menu shows them. */
    public static List<SamplerSpec> all() {
        return ALL;
    }

    /** The studio names: ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddpm, lcm. */
    public static List<String> names() {
        return ALL.stream().map(SamplerSpec::name).collect(Collectors.toList());
    }

    /**
     * The sampler called {@code name}: a studio name or AUTOMATIC1111's label ("Euler a", as read
     * back from PNG metadata), ignoring case and surrounding blanks.
     *
     * @throws InvalidRequestException for any other name, listing the valid ones
     */
    public static SamplerSpec byName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (SamplerSpec spec : ALL) {
            if (spec.name().equals(wanted) || spec.label().toLowerCase(Locale.ROOT).equals(wanted)) {
                return spec;
            }
        }
        throw new InvalidRequestException("unknown sampler '" + name + "'; choose one of: "
                + String.join(", ", names()));
    }
}
