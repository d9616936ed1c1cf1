package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.LoraWeight;

/** A1111's parse_prompt: tags become the empty string, nothing around them is trimmed. */
class PromptTagsTest {
    @Test
    void tagsAreRemovedAndTheirWeightsRead() {
        PromptTags.Parsed p = PromptTags.parse("a cat, <lora:style:0.7> on a mat<lora:b:1:0.5> <lyco:c:te=0.2:unet=0.3> <lora:d>");
        assertEquals("a cat,  on a mat  ", p.prompt());
        assertEquals(List.of(new PromptTags.Tag("lora", "style", 0.7, 0.7, "<lora:style:0.7>"),
                new PromptTags.Tag("lora", "b", 1, 0.5, "<lora:b:1:0.5>"),
                new PromptTags.Tag("lyco", "c", 0.2, 0.3, "<lyco:c:te=0.2:unet=0.3>"),
                new PromptTags.Tag("lora", "d", 1, 1, "<lora:d>")), p.loras());
        assertThrows(InvalidRequestException.class, () -> PromptTags.parse("<lora:x:heavy>"));
    }

    @Test
    void aRequestMustCarryEveryLoraItsPromptNamesAndRefusesOtherNetworks() {
        GenerationRequest.Builder b = GenerationRequest.builder().prompt("cat <lora:style:0.7> <hypernet:h:1>");
        List<String> problems = b.build().problems();
        assertTrue(problems.contains("the prompt's tag <hypernet:h:1> is not supported: only <lora:NAME:WEIGHT> tags are "
                + "read; remove it"), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.contains("names the LoRA 'style', which this request does not carry")),
                problems.toString());
        List<String> fine = b.prompt("cat <lora:style:0.7>").loras(List.of(LoraWeight.of("style", "/x.safetensors", 0.7)))
                .build().problems();
        assertEquals(List.of(), fine);
        assertTrue(b.loras(List.of(LoraWeight.of("style", "/x.safetensors", 11))).build().problems().get(0)
                .contains("weight must be between -10.0 and 10.0"));
    }
}
