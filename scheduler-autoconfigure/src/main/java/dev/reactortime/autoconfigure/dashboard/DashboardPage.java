package dev.reactortime.autoconfigure.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * The dashboard's three files, read from this jar once: {@code index.html} (filled in per request with where its
 * assets and the Actuator endpoints are, and what it may do), {@code dashboard.js} and {@code dashboard.css}. Kept
 * free of servlet and WebFlux types so that both web stacks serve the same bytes.
 */
final class DashboardPage {

	static final String RESOURCES = "META-INF/reactortime/dashboard/";

	static final String SCRIPT = "dashboard.js";

	static final String STYLESHEET = "dashboard.css";

	private final DashboardProperties properties;

	private final Environment environment;

	private final EndpointAccessReport access;

	private final String index;

	private final byte[] script;

	private final byte[] stylesheet;

	DashboardPage(DashboardProperties properties, Environment environment, EndpointAccessReport access) {
		this.properties = properties;
		this.environment = environment;
		this.access = access;
		this.index = new String(read("index.html"), StandardCharsets.UTF_8);
		this.script = read(SCRIPT);
		this.stylesheet = read(STYLESHEET);
	}

	/** Where the page is served, relative to the context path. */
	String path() {
		return this.properties.getPath();
	}

	/**
	 * The page for a request.
	 * @param contextPath the request's context path ({@code ""} at the root)
	 * @return the HTML with the asset path and the configuration filled in
	 */
	String index(String contextPath) {
		String assets = contextPath + this.properties.getPath();
		return this.index.replace("{{assets}}", htmlAttribute(assets)).replace("{{config}}", config(contextPath));
	}

	byte[] script() {
		return this.script;
	}

	byte[] stylesheet() {
		return this.stylesheet;
	}

	/**
	 * The page's configuration as JSON, safe inside a {@code <script type="application/json">} element.
	 */
	private String config(String contextPath) {
		String basePath = this.environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String actuator = contextPath + (basePath.equals("/") ? "" : basePath);
		StringBuilder json = new StringBuilder("{\"actuator\":").append(jsonString(actuator))
			.append(",\"refreshMs\":")
			.append(this.properties.getRefresh().toMillis())
			.append(",\"endpoints\":{");
		String separator = "";
		for (Map.Entry<String, String> entry : this.access.access().entrySet()) {
			json.append(separator).append(jsonString(entry.getKey())).append(':').append(jsonString(entry.getValue()));
			separator = ",";
		}
		return json.append("}}").toString();
	}

	/** A JSON string whose {@code <}, {@code >} and {@code &} are escaped, so it cannot close the script element. */
	private static String jsonString(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	private static String htmlAttribute(String value) {
		return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static byte[] read(String name) {
		ClassPathResource resource = new ClassPathResource(RESOURCES + name, DashboardPage.class.getClassLoader());
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The dashboard's " + name + " is missing from the reactortime jar ("
					+ RESOURCES + name + ")", ex);
		}
	}

}
