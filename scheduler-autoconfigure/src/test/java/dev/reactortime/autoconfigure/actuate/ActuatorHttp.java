package dev.reactortime.autoconfigure.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Requests to the Actuator of a test server on localhost, with the JDK's client (so the status codes are exactly the
 * server's). Public for the endpoint fuzz tests of the reliability package.
 */
public final class ActuatorHttp {

	private final HttpClient client = HttpClient.newHttpClient();

	private final int port;

	private final @Nullable String authorization;

	public ActuatorHttp(int port) {
		this(port, null);
	}

	private ActuatorHttp(int port, @Nullable String authorization) {
		this.port = port;
		this.authorization = authorization;
	}

	public ActuatorHttp as(String user, String password) {
		String credentials = user + ":" + password;
		return new ActuatorHttp(this.port,
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	public HttpResponse<String> get(String path) {
		return send("GET", path, null);
	}

	public HttpResponse<String> delete(String path) {
		return send("DELETE", path, null);
	}

	public HttpResponse<String> post(String path, String jsonBody) {
		return send("POST", path, jsonBody);
	}

	public HttpResponse<String> send(String method, String path, @Nullable String jsonBody) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, (jsonBody != null) ? HttpRequest.BodyPublishers.ofString(jsonBody)
					: HttpRequest.BodyPublishers.noBody());
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static Json json(HttpResponse<String> response) {
		return Json.parse(response.body());
	}

}
