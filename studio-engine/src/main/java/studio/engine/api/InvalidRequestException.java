package studio.engine.api;

/**
 * A request or input the engine refuses, with a message meant for the user: what is wrong, where,
 * and what to do. The CLI prints it as one line and exits with status 2; the UI shows it as is.
 */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
