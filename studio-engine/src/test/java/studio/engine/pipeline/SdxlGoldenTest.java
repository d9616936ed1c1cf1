package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.DiffusionModel;
import studio.engine.model.ModelSpec;
import studio.engine.model.TensorSource;
import studio.engine.nn.clip.TextEncoder;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.testing.Golden;
import studio.engine.testing.GoldenWeights;

/**
 * The tiny SDXL in the real single-file layout against tools/reference/sdxl_reference.py: the original
 * sgm U-Net with label_emb, and the reference CLIP-L / OpenCLIP bigG (penultimate states, pooled vector),
 * within 1e-4 relative in fp32.
 */
class SdxlGoldenTest {
    private static DiffusionModel model;
    private NDManager m = NDManager.newBaseManager();

    static Path sdxl(String name) {
        return Golden.root().resolve("sdxl").resolve(name);
    }

    static Golden.File io(String name) {
        return Golden.read(sdxl(name + ".io.safetensors"));
    }

    @BeforeAll
    static void load() {
        Golden.File io = io("sdxl_txt2img_euler");
        model = CheckpointLoader.load(sdxl("tiny-sdxl.safetensors"), CheckpointLoader.Options.defaults()
                .withTokenizers(tokenizer(io, ""), tokenizer(io, "_g")));
    }

    @AfterAll
    static void free() {
        model.close();
    }

    @Test
    void detectedAsSdxlFromNamesAndShapes() {
        try (TensorSource source = CheckpointLoader.open(sdxl("tiny-sdxl.safetensors"))) {
            ModelSpec spec = CheckpointLoader.detect(source, null);
            assertEquals("SDXL", spec.family());
            assertEquals(ModelSpec.TextEncoderKind.SDXL, spec.textEncoder());
            assertArrayEquals(new int[] {0, 1, 2}, spec.unet().transformerDepths());
            assertEquals(2, spec.unet().transformerDepthMiddle());
            assertArrayEquals(new int[] {2, 4}, spec.unet().attentionResolutions());
            assertEquals(64, spec.unet().contextDim());
            assertEquals(144, spec.unet().admInChannels());
            assertEquals(TextEncoderConfig.Activation.QUICK_GELU, spec.text().activation());
            assertEquals(TextEncoderConfig.Activation.GELU, spec.text2().activation());
            assertEquals(48, spec.text2().projectionDim());
            assertEquals(0.13025f, spec.latentScale());
        }
    }

    @Test
    void bothTextEncodersAndThePooledVector() {
        Golden.File io = io("sdxl_text");
        NDArray idsL = GoldenWeights.array(io, "ids_l", m);
        NDArray idsG = GoldenWeights.array(io, "ids_g", m);
        Golden.assertClose(io.floats("l_penultimate"), model.textEncoder().encode(idsL, 1).toFloatArray(), 1e-4,
                "CLIP-L penultimate");
        TextEncoder.Encoding g = model.second().encoder().encodeWithPooled(idsG, 1);
        Golden.assertClose(io.floats("g_penultimate"), g.hidden().toFloatArray(), 1e-4, "bigG penultimate");
        Golden.assertClose(io.floats("g_pooled"), g.pooled().toFloatArray(), 1e-4, "bigG pooled");
    }

    @Test
    void unetStepWithLabelEmbAgainstSgm() {
        Golden.File io = io("sdxl_unet");
        NDArray out = model.unet().forward(GoldenWeights.array(io, "x", m), GoldenWeights.array(io, "t", m),
                GoldenWeights.array(io, "context", m), GoldenWeights.array(io, "y", m), () -> { });
        Golden.assertClose(io.floats("out"), out.toFloatArray(), 1e-4, "SDXL U-Net");
    }

    @Test
    void sizeEmbeddingIsSgmsTimestepOfEachNumber() {
        Golden.File io = io("sdxl_unet");
        NDArray sizes = GoldenWeights.array(io, "sizes", m);
        float[] y = io.floats("y");
        int adm = 144;
        int pooled = 48;
        for (int row = 0; row < 2; row++) {
            NDArray emb = UNetModel.timestepEmbedding(sizes.get(row), 16).reshape(1, 96);
            float[] expected = new float[96];
            System.arraycopy(y, row * adm + pooled, expected, 0, 96);
            Golden.assertClose(expected, emb.toFloatArray(), 1e-5, "size embedding row " + row);
        }
        float[] h = sizes.get(1).toFloatArray();
        NDArray ours = TextConditioning.sizeEmbedding(model, (int) h[1], (int) h[0], m.zeros(new ai.djl.ndarray.types.Shape(1, pooled)), m);
        float[] expected = new float[96];
        System.arraycopy(y, adm + pooled, expected, 0, 96);
        Golden.assertClose(expected, ours.toFloatArray(), 1e-5, "request size (h, w), crop (0, 0), target (h, w)");
    }

    @Test
    void conditioningOfAGoldenRunMatches() {
        Golden.File io = io("sdxl_txt2img_euler");
        DiffusionModel withIds = withGoldenTokenizers(io);
        var pair = TextConditioning.encodePair(withIds, "cond", "uncond", 1, 16, 16, m);
        Golden.assertClose(io.floats("context_uncond"), pair[0].context().toFloatArray(), 1e-4, "uncond context");
        Golden.assertClose(io.floats("context_cond"), pair[1].context().toFloatArray(), 1e-4, "cond context");
        Golden.assertClose(io.floats("y_uncond"), pair[0].vector().toFloatArray(), 1e-4, "uncond y");
        Golden.assertClose(io.floats("y_cond"), pair[1].vector().toFloatArray(), 1e-4, "cond y");
    }

    /**
     * A1111's rules on both encoders: a long prompt is encoded chunk by chunk and the chunks joined
     * along the tokens, emphasis weights scale each encoder's own states (mean restored per encoder), the
     * pooled vector is the first chunk's, unweighted; an empty negative prompt is the empty string encoded.
     */
    @Test
    void chunksEmphasisAndTheEmptyNegativeOnBothEncoders() {
        Golden.File io = io("sdxl_txt2img_euler");
        long[] condL = io.get("cond_ids").longs();
        long[] condG = io.get("cond_ids_g").longs();
        float[] weights = new float[77];
        java.util.Arrays.fill(weights, 1f);
        weights[2] = 1.2f;
        weights[3] = 0.8f;
        DiffusionModel twoChunks = new DiffusionModel(model.name(), model.family(), chunks(condL, io.get("uncond_ids").longs(), weights),
                model.textEncoder(), model.unet(), model.vae(), model.prediction(), model.latentScale(), model.weights(),
                new DiffusionModel.Second(chunks(condG, io.get("uncond_ids_g").longs(), weights), model.second().encoder()));
        var pair = TextConditioning.encodePair(twoChunks, "long", "", 1, 16, 16, m);
        NDArray context = pair[1].context();
        assertArrayEquals(new long[] {1, 154, 64}, context.getShape().getShape());
        NDArray l = model.textEncoder().encode(m.create(condL, new ai.djl.ndarray.types.Shape(1, 77)), 1);
        TextEncoder.Encoding g = model.second().encoder().encodeWithPooled(m.create(condG, new ai.djl.ndarray.types.Shape(1, 77)), 1);
        NDArray first = context.get(":, 0:77, :");
        Golden.assertClose(studio.engine.text.PromptWeighting.apply(l, weights).toFloatArray(),
                first.get(":, :, 0:32").toFloatArray(), 1e-5, "CLIP-L part, weighted");
        Golden.assertClose(studio.engine.text.PromptWeighting.apply(g.hidden(), weights).toFloatArray(),
                first.get(":, :, 32:64").toFloatArray(), 1e-5, "bigG part, weighted");
        Golden.assertClose(l.toFloatArray(), context.get(":, 77:154, 0:32").toFloatArray(), 1e-5, "second chunk, plain");
        Golden.assertClose(g.pooled().toFloatArray(), pair[1].vector().get(":, 0:48").toFloatArray(), 1e-5,
                "pooled of the first chunk, unweighted");
        // the empty negative prompt: "" encoded (then padded with empty chunks to the prompt's length)
        Golden.assertClose(io.floats("context_uncond"), pair[0].context().get(":, 0:77, :").toFloatArray(), 1e-4,
                "empty negative = the empty string encoded, not zeros");
        Golden.assertClose(io.floats("y_uncond"), pair[0].vector().toFloatArray(), 1e-4, "its y");
    }

    /** A tokenizer that reads any prompt as two chunks of {@code ids} (the first weighted) and "" as {@code empty}. */
    private static studio.engine.text.PromptTokenizer chunks(long[] ids, long[] empty, float[] weights) {
        int[] asInts = java.util.Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
        float[] ones = new float[77];
        java.util.Arrays.fill(ones, 1f);
        return new studio.engine.text.PromptTokenizer() {
            @Override
            public java.util.List<studio.engine.text.TokenChunk> encodeWeighted(String prompt) {
                if (prompt.isEmpty()) {
                    return java.util.List.of(new studio.engine.text.TokenChunk(
                            java.util.Arrays.stream(empty).mapToInt(Math::toIntExact).toArray(), ones));
                }
                return java.util.List.of(new studio.engine.text.TokenChunk(asInts, weights),
                        new studio.engine.text.TokenChunk(asInts, ones));
            }

            @Override
            public int contextLength() {
                return 77;
            }

            @Override
            public studio.engine.text.PromptReading read(String prompt) {
                throw new UnsupportedOperationException("the golden runs never count prompts");
            }
        };
    }

    /** The loaded model with the golden token ids standing in for its two tokenizers. */
    private static DiffusionModel withGoldenTokenizers(Golden.File io) {
        return new DiffusionModel(model.name(), model.family(), tokenizer(io, ""), model.textEncoder(), model.unet(),
                model.vae(), model.prediction(), model.latentScale(), model.weights(),
                new DiffusionModel.Second(tokenizer(io, "_g"), model.second().encoder()));
    }

    static GoldenIdsTokenizer tokenizer(Golden.File io, String suffix) {
        return new GoldenIdsTokenizer(Map.of("cond", io.get("cond_ids" + suffix).longs(),
                "uncond", io.get("uncond_ids" + suffix).longs(), "", io.get("uncond_ids" + suffix).longs()));
    }

    /**
     * Every sampler the studio offers (sampling.Samplers, so a new one fails here until its reference run
     * exists), from the single file and from the diffusers folder.
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everySamplerFromBothLayouts() {
        return studio.engine.sampling.Samplers.names().stream().flatMap(sampler -> java.util.stream.Stream.of(
                "tiny-sdxl.safetensors", "tiny-sdxl-diffusers").map(checkpoint ->
                org.junit.jupiter.params.provider.Arguments.of("sdxl_txt2img_" + sampler, checkpoint)));
    }

    /** Whole generations through the studio's pipeline, PSNR ≥ 40 dB against the reference's PNG. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} from {1}")
    @org.junit.jupiter.params.provider.MethodSource("everySamplerFromBothLayouts")
    void generatesTheReferenceImage(String run, String checkpoint) throws Exception {
        Golden.File io = io(run);
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults()
                .withTokenizers(tokenizer(io, ""), tokenizer(io, "_g"));
        Path path = sdxl(checkpoint);
        try (ModelRepository models = new ModelRepository(id -> CheckpointLoader.load(Path.of(id), options))) {
            var request = CheckpointParityTest.goldenRequest(io, path).build().validated();
            var images = new StableDiffusionGenerator(models).generate(request, studio.engine.api.Progress.NONE);
            var expected = javax.imageio.ImageIO.read(sdxl(run + ".png").toFile());
            double psnr = CheckpointParityTest.psnr(images.get(0), expected);
            System.out.printf(java.util.Locale.ROOT, "PSNR %s from %s: %.2f dB%n", run, checkpoint, psnr);
            org.junit.jupiter.api.Assertions.assertTrue(psnr >= 40,
                    run + " from " + checkpoint + ": PSNR " + psnr + " dB against the reference PNG");
            assertEquals("SDXL", models.get(path.toString()).model().family());
        }
    }

    /**
     * Weights held in fp16 or bf16, the VAE's included. The VAE and text encoders compute in fp32 (see
     * nn.Precision), so the SDXL VAE's fp16 overflow (why diffusers ships an "fp16-fix" VAE) cannot
     * arise; the U-Net computes in bf16 where the CPU has bf16 instructions ("on"), else in fp32 with
     * bf16 weights ("off"). Both are run here whatever the machine; the image stays close.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, bf16 arithmetic {1}")
    @org.junit.jupiter.params.provider.CsvSource({"fp16, off, 40", "bf16, off, 40", "bf16, on, 34"})
    void lowerPrecisionWeightsStayCloseToTheFp32Reference(String precision, String bf16Arithmetic, double minimumDb)
            throws Exception {
        Golden.File io = io("sdxl_txt2img_euler");
        CheckpointLoader.Options options = CheckpointLoader.Options.defaults()
                .withTokenizers(tokenizer(io, ""), tokenizer(io, "_g"))
                .withPrecision(studio.engine.nn.Precision.parse(precision));
        Path path = sdxl("tiny-sdxl.safetensors");
        try (var arithmetic = studio.engine.testing.TemporaryProperty.set(studio.engine.nn.Bf16Arithmetic.PROPERTY, bf16Arithmetic);
             ModelRepository models = new ModelRepository((id, p) -> CheckpointLoader.load(Path.of(id), options))) {
            var request = CheckpointParityTest.goldenRequest(io, path).precision(precision).build().validated();
            var images = new StableDiffusionGenerator(models).generate(request, studio.engine.api.Progress.NONE);
            double psnr = CheckpointParityTest.psnr(images.get(0), javax.imageio.ImageIO.read(sdxl("sdxl_txt2img_euler.png").toFile()));
            System.out.printf(java.util.Locale.ROOT, "PSNR sdxl_txt2img_euler in %s (bf16 arithmetic %s): %.2f dB%n",
                    precision, bf16Arithmetic, psnr);
            org.junit.jupiter.api.Assertions.assertTrue(psnr >= minimumDb, precision + ": PSNR " + psnr + " dB");
        }
    }

    @org.junit.jupiter.api.AfterEach
    void closeManager() {
        m.close();
    }
}
