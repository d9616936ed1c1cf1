package studio.engine.sampling;

/** What the U-Net was trained to predict; SD 1.x and 2.x-base predict ε, SD 2.x 768-v predicts v. */
public enum Prediction {
    /** The added noise ε (LDM parameterization "eps"). */
    EPSILON,
    /** The velocity v = √ᾱ·ε − √(1−ᾱ)·x0 (LDM parameterization "v"). */
    V
}
