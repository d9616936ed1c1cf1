package studio.engine.sampling;

/** What the U-Net was trained to predict; SD 1.x and 2.x-base predict ε, SD 2.x 768-v predicts v. */
public enum Prediction {
    /** The added noise ε (LDM parameterization "eps"). */
    EPSILON,
    /** The velocity v = √ᾱ·ε − √(1−ᾱ)·x0 (LDM parameterization "v"). */
    V;

    /** Parses a user's {@code --prediction}: eps (epsilon) or v. */
    public static Prediction parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "eps", "epsilon" -> EPSILON;
            case "v", "v_prediction", "v-prediction" -> V;
            default -> throw new studio.engine.api.InvalidRequestException(
                    "prediction must be 'eps' or 'v', got '" + text + "'");
        };
    }
}
