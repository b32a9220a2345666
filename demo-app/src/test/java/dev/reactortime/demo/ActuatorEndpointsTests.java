package dev.reactortime.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.reactortime.DelayedCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's Actuator over real HTTP (the reactor stays on virtual time, so the far-off calls and loops are pending
 * and nothing moves while the test looks): exactly the endpoints of {@code application.properties} are exposed, and
 * the reactortime endpoints may cancel and stop.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@VirtualReactorTime
@DirtiesContext
class ActuatorEndpointsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	VirtualTimeReactor reactor;

	@Test
	void exposesHealthMetricsPrometheusAndTheReactortimeEndpointsOnly() throws Exception {
		assertThat(links()).contains("health", "metrics", "prometheus", "delayedcalls", "loopingcalls")
			.doesNotContain("env", "beans", "shutdown");
	}

	@Test
	void healthIsUp() throws Exception {
		HttpResponse<String> health = send("GET", "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(json.readTree(health.body()).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusScrapesTheMeters() throws Exception {
		HttpResponse<String> scrape = send("GET", "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void delayedCallsListsTheFarOffCallsAndDeleteCancelsOne() throws Exception {
		HttpResponse<String> list = send("GET", "/actuator/delayedcalls");
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode reminder = withName(json.readTree(list.body()), "hour-reminder");
		assertThat(withName(json.readTree(list.body()), "nightly-report")).isNotNull();
		long id = reminder.path("id").asLong();

		// Unrestricted access in application.properties is what lets DELETE through.
		assertThat(send("DELETE", "/actuator/delayedcalls/" + id).statusCode()).isBetween(200, 204);
		assertThat(this.reactor.getDelayedCalls()).extracting(DelayedCall::name).doesNotContain("hour-reminder");
		assertThat(send("GET", "/actuator/delayedcalls/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void loopingCallsListsTheBackgroundLoopsAndDeleteStopsOne() throws Exception {
		HttpResponse<String> list = send("GET", "/actuator/loopingcalls");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(withName(json.readTree(list.body()), "heartbeat").path("running").asBoolean()).isTrue();
		assertThat(withName(json.readTree(list.body()), "uptime-minutes")).isNotNull();

		assertThat(send("DELETE", "/actuator/loopingcalls/uptime-minutes").statusCode()).isBetween(200, 204);
		HttpResponse<String> stopped = send("GET", "/actuator/loopingcalls/uptime-minutes");
		assertThat(stopped.statusCode()).isEqualTo(200);
		assertThat(json.readTree(stopped.body()).path("running").asBoolean()).isFalse();
	}

	private List<String> links() throws Exception {
		HttpResponse<String> actuator = send("GET", "/actuator");
		assertThat(actuator.statusCode()).isEqualTo(200);
		return List.copyOf(json.readTree(actuator.body()).path("_links").propertyNames());
	}

	// Wherever the endpoint nests its entries, each is an object with a "name".
	private static JsonNode withName(JsonNode tree, String name) {
		return tree.findParents("name")
			.stream()
			.filter((entry) -> name.equals(entry.path("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No entry named '" + name + "' in " + tree));
	}

	private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
