package studio.engine.model;

import studio.engine.api.InvalidRequestException;

/** What the U-Net predicts: the noise (SD 1.x, SD 2 base) or the velocity v (SD 2 768-v). */
public enum Prediction {
    EPS,
    V;

    public static Prediction parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "eps", "epsilon" -> EPS;
            case "v", "v_prediction", "v-prediction" -> V;
            default -> throw new InvalidRequestException("prediction must be 'eps' or 'v', got '" + text + "'");
        };
    }
}
