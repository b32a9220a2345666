package dev.reactortime.autoconfigure.dashboard;

import java.net.http.HttpResponse;

import dev.reactortime.autoconfigure.actuate.ActuatorHttp;
import dev.reactortime.autoconfigure.actuate.EndpointsApplication;
import dev.reactortime.autoconfigure.actuate.OpenSecurity;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a servlet application over real HTTP, with a context path and a moved Actuator base path: the page
 * points at both, tells each endpoint's access, and the {@code calllag} endpoint answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = { EndpointsApplication.class, OpenSecurity.class },
		properties = { "reactortime.dashboard.enabled=true", "server.servlet.context-path=/app",
				"management.endpoints.web.base-path=/manage",
				"management.endpoints.web.exposure.include=delayedcalls,loopingcalls,calllag",
				"management.endpoint.delayedcalls.access=unrestricted" })
@VirtualReactorTime
class DashboardHttpTests {

	@LocalServerPort
	int port;

	private ActuatorHttp http;

	@BeforeEach
	void client() {
		this.http = new ActuatorHttp(this.port);
	}

	@Test
	void thePageKnowsTheContextPathTheActuatorBasePathAndTheAccessOfEachEndpoint() {
		HttpResponse<String> page = this.http.get("/app/reactortime");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.body()).contains("{\"actuator\":\"/app/manage\",\"refreshMs\":2000,\"endpoints\":{\"loopingcalls\":\"read-only\","
					+ "\"delayedcalls\":\"unrestricted\",\"durablecalls\":\"unavailable\",\"calllag\":\"read-only\"}}");
		assertThat(this.http.get("/app/reactortime/").statusCode()).isEqualTo(200);
	}

	@Test
	void thePageCarriesItsStylesheetAndScriptInOneResponse() {
		String page = this.http.get("/app/reactortime").body();
		assertThat(page).contains("prefers-color-scheme: dark", "function syncRows(").doesNotContain("{{");
	}

	@Test
	void theCallLagEndpointSummarisesTheLastTenSeconds() {
		HttpResponse<String> lag = this.http.get("/app/manage/calllag");
		assertThat(lag.statusCode()).isEqualTo(200);
		assertThat(lag.body()).contains("\"windowMs\":10000", "\"blocked\":0");
		// Read-only like the others by default.
		assertThat(this.http.send("POST", "/app/manage/calllag", null).statusCode()).isIn(400, 404, 405);
	}

}
