package dev.reactortime.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import dev.reactortime.demo.DemoApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's dashboard under Spring Security ({@link DashboardSecurity}): the page loads, and a visitor who has not
 * signed in sees a clear 401 message instead of data or a broken page. Security is switched off for the module's
 * other tests ({@code src/test/resources/config/application.properties}); this one switches it back on.
 */
@SpringBootTest(classes = { DemoApplication.class, DashboardSecurity.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.autoconfigure.exclude=")
@VirtualReactorTime
@DirtiesContext
class SecuredDashboardBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void anUnauthenticatedVisitorSeesThe401Message() throws IOException {
		try (Chromium chromium = Chromium.start()) {
			Dashboard dashboard = new Dashboard(chromium.driver(), this.port);
			dashboard.open();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(dashboard.alert()).startsWith("401 Unauthorized: sign in"));
			assertThat(dashboard.loopNames()).isEmpty();
			assertThat(chromium.driver().findElement(By.id("status")).getText()).startsWith("Failed at");
		}
	}

	@Test
	void theEndpointsAnswerAnOperatorWhoSignsIn() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String credentials = Base64.getEncoder().encodeToString("operator:secret".getBytes(StandardCharsets.UTF_8));
		HttpRequest anonymous = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/loopingcalls"))
			.build();
		HttpRequest signedIn = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/loopingcalls"))
			.header("Authorization", "Basic " + credentials)
			.build();
		assertThat(http.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		HttpResponse<String> loops = http.send(signedIn, HttpResponse.BodyHandlers.ofString());
		assertThat(loops.statusCode()).isEqualTo(200);
		assertThat(loops.body()).contains("\"heartbeat\"");
	}

}
