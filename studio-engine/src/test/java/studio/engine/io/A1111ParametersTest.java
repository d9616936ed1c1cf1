package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;

class A1111ParametersTest {
    /** Written by hand in the exact layout A1111 1.9 saves (newer versions split the Karras schedule out). */
    static final String REAL = """
            masterpiece, best quality, a castle on a hill at sunset, (dramatic lighting:1.2),
            <lora:add_detail:0.6> highly detailed
            Negative prompt: lowres, bad anatomy, (worst quality:1.4),
            watermark
            Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3902615297, \
            Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.55, \
            Clip skip: 2, Lora hashes: "add_detail: 7c6bad76eb54, more_details: 3b8aa1d351ef", \
            TI hashes: "easynegative: c74b4e810b03", Version: v1.9.4""";

    private static GenerationRequest.Builder base() {
        return GenerationRequest.builder().prompt("a cat").negativePrompt("blurry").size(512, 512)
                .steps(20).guidanceScale(7).seed(1).sampler("ddim");
    }

    @Test
    void formatsATextToImageRequestLikeA1111() {
        assertEquals("a cat\nNegative prompt: blurry\n"
                        + "Steps: 20, Sampler: DDIM, CFG scale: 7, Seed: 1, Size: 512x512, Model: v1-5-pruned-emaonly",
                A1111Parameters.format(base().build(), "v1-5-pruned-emaonly"));
    }

    @Test
    void leavesOutAnEmptyNegativePromptAndWritesFractionalScales() {
        assertEquals("a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 1, Size: 512x512, Model: m",
                A1111Parameters.format(base().negativePrompt("").sampler("euler_a").guidanceScale(7.5).build(), "m"));
    }

    @Test
    void addsDenoisingStrengthClipSkipAndMaskBlurWhenTheyApply() {
        RgbImage init = RgbImage.filled(8, 8, 0);
        GrayImage mask = new GrayImage(1, 1, new float[] {1});
        assertEquals("a cat\nNegative prompt: blurry\nSteps: 20, Sampler: DDIM, CFG scale: 7, Seed: 1, "
                        + "Size: 512x512, Model: m, Denoising strength: 0.75",
                A1111Parameters.format(base().initImage(init).build(), "m"));
        assertEquals("a cat\nNegative prompt: blurry\nSteps: 20, Sampler: DDIM, CFG scale: 7, Seed: 1, "
                        + "Size: 512x512, Model: m, Denoising strength: 0.5, Clip skip: 2, Mask blur: 4",
                A1111Parameters.format(base().initImage(init).mask(mask).strength(0.5).clipSkip(2).build(), "m"));
    }

    @Test
    void writesA1111SamplerNames() {
        Map<String, String> expected = Map.of("ddim", "DDIM", "euler", "Euler", "euler_a", "Euler a",
                "dpmpp_2m", "DPM++ 2M", "dpmpp_2m_karras", "DPM++ 2M Karras", "ddpm", "DDPM");
        expected.forEach((ours, theirs) -> {
            String text = A1111Parameters.format(base().sampler(ours).build(), "m");
            assertTrue(text.contains("Sampler: " + theirs + ","), text);
            assertEquals(Optional.of(ours), A1111Parameters.parse(text).sampler(), "back from " + theirs);
        });
    }

    @Test
    void quotesValuesWithCommasOrColons() {
        String text = A1111Parameters.format(base().build(), "models: v1, pruned");
        assertTrue(text.endsWith("Model: \"models: v1, pruned\""), text);
        assertEquals(Optional.of("models: v1, pruned"), A1111Parameters.parse(text).model());
    }

    @Test
    void parsesARealA1111Infotext() {
        ParsedParameters p = A1111Parameters.parse(REAL);
        assertEquals("masterpiece, best quality, a castle on a hill at sunset, (dramatic lighting:1.2),\n"
                + "<lora:add_detail:0.6> highly detailed", p.prompt());
        assertEquals("lowres, bad anatomy, (worst quality:1.4),\nwatermark", p.negativePrompt());
        assertEquals(List.of("Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model hash", "Model",
                "Denoising strength", "Clip skip", "Lora hashes", "TI hashes", "Version"),
                List.copyOf(p.settings().keySet()));
        assertEquals("add_detail: 7c6bad76eb54, more_details: 3b8aa1d351ef", p.settings().get("Lora hashes"));
        assertEquals("v1.9.4", p.settings().get("Version"));
        assertEquals(Optional.of("dpmpp_2m_karras"), p.sampler(), "DPM++ 2M with a Karras schedule");
        assertEquals(List.of(), p.warnings());

        GenerationRequest r = p.applyTo(GenerationRequest.builder().modelId("/m/other.safetensors")).build();
        assertEquals(p.prompt(), r.prompt());
        assertEquals(p.negativePrompt(), r.negativePrompt());
        assertEquals(28, r.steps());
        assertEquals("dpmpp_2m_karras", r.sampler());
        assertEquals(6.5, r.guidanceScale());
        assertEquals(3902615297L, r.seed());
        assertEquals(512, r.width());
        assertEquals(768, r.height());
        assertEquals(0.55, r.strength());
        assertEquals(2, r.clipSkip());
        assertEquals("/m/other.safetensors", r.modelId(), "the model is a display name, not applied");
    }

    @Test
    void olderCombinedKarrasNameAndAnyCaseAreUnderstood() {
        assertEquals(Optional.of("dpmpp_2m_karras"),
                A1111Parameters.parse("x\nSteps: 20, Sampler: DPM++ 2M Karras, Seed: 1").sampler());
        assertEquals(Optional.of("euler_a"), A1111Parameters.parse("x\nSteps: 20, Sampler: euler A, Seed: 1").sampler());
        assertEquals(Optional.of("dpmpp_2m_karras"),
                A1111Parameters.parse("x\nSteps: 20, Sampler: dpm++ 2m, Schedule type: KARRAS, Seed: 1").sampler());
    }

    @Test
    void withoutANegativePromptLine() {
        ParsedParameters p = A1111Parameters.parse("line one\nline two\nSteps: 5, Seed: 9, Size: 64x64");
        assertEquals("line one\nline two", p.prompt());
        assertEquals("", p.negativePrompt());
        assertEquals(OptionalInt.of(5), p.steps());
    }

    @Test
    void textWithoutASettingsLineIsAllPrompt() {
        ParsedParameters p = A1111Parameters.parse("a dog: happy, running\nin a field");
        assertEquals("a dog: happy, running\nin a field", p.prompt());
        assertEquals(Map.of(), p.settings());
        GenerationRequest r = p.applyTo(base()).build();
        assertEquals(20, r.steps(), "absent settings leave the request as it was");
    }

    @Test
    void unknownSamplerIsReportedAndTheCurrentOneKept() {
        ParsedParameters p = A1111Parameters.parse("x\nSteps: 20, Sampler: UniPC, CFG scale: 7, Seed: 1");
        assertEquals(Optional.empty(), p.sampler());
        assertEquals(1, p.warnings().size());
        assertTrue(p.warnings().get(0).startsWith("sampler 'UniPC' is not available here"), p.warnings().get(0));
        assertEquals("euler", p.applyTo(base().sampler("euler")).build().sampler());
    }

    @Test
    void malformedNumbersAreRefusedWithTheSetting() {
        ParsedParameters p = A1111Parameters.parse("x\nSteps: many, CFG scale: 7, Seed: 1, Size: 512 by 512");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, p::steps);
        assertEquals("Steps: 'many' is not a whole number", e.getMessage());
        e = assertThrows(InvalidRequestException.class, () -> p.applyTo(base()));
        assertEquals("Steps: 'many' is not a whole number", e.getMessage());
        assertEquals("Size: '512 by 512' is not WIDTHxHEIGHT, e.g. 512x768",
                assertThrows(InvalidRequestException.class, p::width).getMessage());
    }

    @Test
    void windowsLineEndingsAndSurroundingSpaceAreTolerated() {
        ParsedParameters p = A1111Parameters.parse("  a cat\r\nNegative prompt: dog\r\nSteps: 3, Seed: 4, Size: 8x16\r\n");
        assertEquals("a cat", p.prompt());
        assertEquals("dog", p.negativePrompt());
        assertEquals(OptionalInt.of(16), p.height());
    }

    @Test
    void formatThenParseGivesTheRequestBack() {
        RgbImage init = RgbImage.filled(8, 8, 0);
        GrayImage mask = new GrayImage(1, 1, new float[] {1});
        List<GenerationRequest> requests = List.of(
                base().build(),
                base().prompt("a, b: c (d:1.2)\nsecond line").negativePrompt("x,\ny: z").sampler("euler_a")
                        .guidanceScale(12.25).seed(4294967295L).size(768, 512).steps(50).build(),
                base().initImage(init).strength(0.3).sampler("dpmpp_2m").clipSkip(3).build(),
                base().initImage(init).mask(mask).maskBlur(9).sampler("dpmpp_2m_karras").negativePrompt("").build(),
                base().prompt("").sampler("ddpm").build());
        for (GenerationRequest original : requests) {
            String text = A1111Parameters.format(original, "weird: name, v2");
            GenerationRequest.Builder fresh = GenerationRequest.builder().strength(0.75).maskBlur(4);
            GenerationRequest back = A1111Parameters.parse(text).applyTo(fresh).build();
            assertEquals(original.prompt(), back.prompt(), text);
            assertEquals(original.negativePrompt(), back.negativePrompt(), text);
            assertEquals(original.steps(), back.steps(), text);
            assertEquals(original.sampler(), back.sampler(), text);
            assertEquals(original.guidanceScale(), back.guidanceScale(), text);
            assertEquals(original.seed(), back.seed(), text);
            assertEquals(original.width(), back.width(), text);
            assertEquals(original.height(), back.height(), text);
            assertEquals(original.strength(), back.strength(), text);
            assertEquals(original.clipSkip(), back.clipSkip(), text);
            assertEquals(original.maskBlur(), back.maskBlur(), text);
            assertEquals(Optional.of("weird: name, v2"), A1111Parameters.parse(text).model());
        }
    }

    @Test
    void aQuotedValueOfTwentyThousandCharactersIsRead() {
        String value = "x, ".repeat(7000); // commas force the quotes; the old regex recursed per character
        String text = "p\nSteps: 1, Seed: 2, Lora hashes: " + A1111Parameters.quote(value);
        assertEquals(Optional.of(value), assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> A1111Parameters.parse(text).setting("Lora hashes")));
    }

    @Test
    void aLongSingleLinePromptIsReadInLinearTime() {
        // A 200 KB run of key characters without a colon made the old regex retry from every position.
        String prompt = "a cat sitting on a mat ".repeat(9000);
        ParsedParameters p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> A1111Parameters.parse(prompt));
        assertEquals(prompt.strip(), p.prompt());
        assertEquals(Map.of(), p.settings());
    }

    /** A1111's own pair regex, kept here as the reference the scanner must agree with. */
    private static final Pattern A1111_PAIR =
            Pattern.compile("\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)");

    @Test
    void theScannerFindsTheSamePairsAsA1111sRegexOnRandomLines() {
        Random random = new Random(20);
        String alphabet = "ab1_ :,\"\\-/\t";
        for (int i = 0; i < 5000; i++) {
            StringBuilder line = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Map<String, String> expected = new LinkedHashMap<>();
            Matcher m = A1111_PAIR.matcher(line);
            while (m.find()) {
                expected.putIfAbsent(m.group(1).strip(), m.group(2).strip());
            }
            Map<String, String> actual = new LinkedHashMap<>();
            SettingsScanner.scan(line.toString(), actual::putIfAbsent);
            assertEquals(expected, actual, "line: " + line);
        }
    }
}
