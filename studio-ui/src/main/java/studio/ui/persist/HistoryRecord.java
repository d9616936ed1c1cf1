package studio.ui.persist;

/**
 * One history entry as autosaved: the result file and what made it.
 *
 * @param file          where the engine saved the result
 * @param parameters    the AUTOMATIC1111 infotext of its request
 * @param modelId       the request's model id (the infotext only has the model's display name)
 * @param createdMillis when it was made, epoch milliseconds
 */
public record HistoryRecord(String file, String parameters, String modelId, long createdMillis) {
}
