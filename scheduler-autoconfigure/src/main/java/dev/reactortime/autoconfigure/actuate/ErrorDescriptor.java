package dev.reactortime.autoconfigure.actuate;

/**
 * Body of a refused request to the {@code delayedcalls} or {@code loopingcalls} endpoint.
 *
 * @param status the HTTP status ({@code 400}, {@code 404} or {@code 409})
 * @param error the status's reason phrase
 * @param message what was wrong, in a sentence
 */
public record ErrorDescriptor(int status, String error, String message) {

}
