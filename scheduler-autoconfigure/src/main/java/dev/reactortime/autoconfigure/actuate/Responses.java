package dev.reactortime.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The responses of the endpoints: a body with {@code 200}, {@code 204}, or an {@link ErrorDescriptor} with
 * {@code 400}, {@code 404} or {@code 409}.
 */
final class Responses {

	static final int CONFLICT = 409;

	private Responses() {
	}

	static <T> WebEndpointResponse<Object> ok(T body) {
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	static WebEndpointResponse<Object> noContent() {
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
	}

	static WebEndpointResponse<Object> badRequest(String message) {
		return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", message);
	}

	static WebEndpointResponse<Object> notFound(String message) {
		return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", message);
	}

	static WebEndpointResponse<Object> conflict(String message) {
		return error(CONFLICT, "Conflict", message);
	}

	private static WebEndpointResponse<Object> error(int status, String error, String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(status, error, message), status);
	}

}
