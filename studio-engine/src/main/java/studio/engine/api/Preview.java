package studio.engine.api;

import java.time.Duration;
import studio.engine.image.RgbImage;

/**
 * A step's picture of the latent so far, made by the generator when its progress wants one.
 *
 * @param image      the picture, at the request's size
 * @param fullDecode whether it is a full VAE decode (else TAESD or the linear latent projection)
 * @param cost       the time making it took, which benchmarks report as the previews' share of a step
 */
public record Preview(RgbImage image, boolean fullDecode, Duration cost) {
}
