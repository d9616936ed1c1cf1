package studio.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import studio.engine.api.EngineEvent.Failed.Kind;
import studio.engine.image.RgbImage;

/** Each way a job can fail reaches listeners as its kind, whatever the message says. */
class FailureKindsTest {
    private static final GenerationRequest REQUEST = GenerationRequest.builder().prompt("x").build();

    private static EngineEvent.Failed failure(Generator generator, ResultSaver saver) throws InterruptedException {
        try (DiffusionEngine engine = new DiffusionEngine(generator, saver)) {
            EngineEventsRecorder rec = new EngineEventsRecorder();
            engine.addListener(rec);
            return assertInstanceOf(EngineEvent.Failed.class, rec.awaitEnd(engine.submit(REQUEST), 30));
        }
    }

    private static Generator throwing(Supplier<? extends Throwable> error) {
        return (request, progress) -> {
            Throwable t = error.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) t;
        };
    }

    private static final Generator ONE_IMAGE = (request, progress) -> List.of(RgbImage.filled(8, 8, 0));

    @Test
    void anInvalidRequestIsInvalidRequest() throws Exception {
        EngineEvent.Failed f = failure(throwing(() -> new InvalidRequestException("width must be ...")), null);
        assertEquals(Kind.INVALID_REQUEST, f.kind());
        assertEquals("width must be ...", f.message());
    }

    @Test
    void anUnreadableModelIsAnInputFile() throws Exception {
        EngineEvent.Failed f = failure(throwing(() -> new UncheckedIOException(new IOException("m.safetensors: gone"))), null);
        assertEquals(Kind.INPUT_FILE, f.kind());
        assertEquals("could not read the model: m.safetensors: gone", f.message());
    }

    @Test
    void aResultThatCannotBeWrittenIsAnOutputFile() throws Exception {
        EngineEvent.Failed f = failure(ONE_IMAGE, (image, parameters) -> {
            throw new IOException("disk full");
        });
        assertEquals(Kind.OUTPUT_FILE, f.kind());
        assertEquals("could not save the result: disk full; check that the outputs folder is writable", f.message());
    }

    @Test
    void runningOutOfMemoryIsOutOfMemory() throws Exception {
        assertEquals(Kind.OUT_OF_MEMORY, failure(throwing(() -> new OutOfMemoryError("Java heap space")), null).kind());
    }

    @Test
    void anythingElseIsInternal() throws Exception {
        EngineEvent.Failed f = failure(throwing(() -> new IllegalStateException("a bug")), null);
        assertEquals(Kind.INTERNAL, f.kind());
        assertEquals("generation failed: a bug", f.message());
    }
}
