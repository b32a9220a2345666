package dev.reactortime.autoconfigure.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.reactortime.autoconfigure.actuate.DurableEndpointsApplication.Reminder;
import dev.reactortime.durable.DurableCall;
import dev.reactortime.durable.DurableCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.reactortime.autoconfigure.actuate.ActuatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code durablecalls} endpoint over real HTTP on a real PostgreSQL, read-only by default and unrestricted. */
class DurableCallsEndpointHttpTests {

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			classes = { DurableEndpointsApplication.class, OpenSecurity.class },
			properties = { "management.endpoints.web.exposure.include=durablecalls",
					"reactortime.durable.initialize-schema=always", "reactortime.durable.retry.max-retries=0" })
	class ReadOnly {

		@LocalServerPort
		int port;

		@Autowired
		DurableCalls calls;

		private ActuatorHttp http;

		@BeforeEach
		void client() {
			this.http = new ActuatorHttp(this.port);
		}

		@Test
		void listsCallsByDueTimeWithoutPayloadsAndRefusesDelete() {
			this.calls.callLater("send-reminder", "later", Duration.ofHours(2), new Reminder("secret-user"));
			this.calls.callLater("send-reminder", "sooner", Duration.ofHours(1), new Reminder("secret-user"));
			HttpResponse<String> response = this.http.get("/actuator/durablecalls");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).doesNotContain("secret-user");
			Json body = json(response);
			assertThat(body.path("total").asInt()).isEqualTo(2);
			Json first = body.path("calls").get(0);
			assertThat(first.propertyNames()).containsExactly("task", "id", "dueAt", "dueInMs", "picked", "pickedBy",
					"consecutiveFailures", "lastFailure", "failed");
			assertThat(first.path("id").asString()).isEqualTo("sooner");
			assertThat(first.path("task").asString()).isEqualTo("send-reminder");
			assertThat(first.path("picked").asBoolean()).isFalse();
			assertThat(body.path("calls").get(1).path("id").asString()).isEqualTo("later");

			Json one = json(this.http.get("/actuator/durablecalls/send-reminder/later"));
			assertThat(one.path("id").asString()).isEqualTo("later");
			assertThat(this.http.get("/actuator/durablecalls/send-reminder/nope").statusCode()).isEqualTo(404);
			assertThat(this.http.get("/actuator/durablecalls?limit=x").statusCode()).isEqualTo(400);
			assertThat(this.http.delete("/actuator/durablecalls/send-reminder/later").statusCode()).isEqualTo(405);
			assertThat(this.calls.find("send-reminder", "later")).isPresent();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			classes = { DurableEndpointsApplication.class, OpenSecurity.class },
			properties = { "management.endpoints.web.exposure.include=durablecalls",
					"management.endpoint.durablecalls.access=unrestricted",
					"reactortime.durable.initialize-schema=always", "reactortime.durable.retry.max-retries=0" })
	class Unrestricted {

		@LocalServerPort
		int port;

		@Autowired
		DurableCalls calls;

		private ActuatorHttp http;

		@BeforeEach
		void client() {
			this.http = new ActuatorHttp(this.port);
		}

		@Test
		void deleteCancelsAPendingCall() {
			DurableCall call = this.calls.callLater("send-reminder", "cancel-me", Duration.ofHours(1),
					new Reminder("ada"));
			assertThat(this.http.delete("/actuator/durablecalls/send-reminder/cancel-me").statusCode()).isEqualTo(204);
			assertThat(call.active()).isFalse();
			assertThat(this.http.delete("/actuator/durablecalls/send-reminder/cancel-me").statusCode()).isEqualTo(404);
		}

		@Test
		void aFailedCallIsVisibleWithItsFailuresAndDeletable() {
			this.calls.callLater("always-fails", "doomed", Duration.ZERO, new Reminder("ada"));
			await().atMost(Duration.ofSeconds(15))
				.until(() -> this.calls.find("always-fails", "doomed").map(DurableCall::failed).orElse(false));
			Json failed = json(this.http.get("/actuator/durablecalls/always-fails/doomed"));
			assertThat(failed.path("failed").asBoolean()).isTrue();
			assertThat(failed.path("consecutiveFailures").asInt()).isEqualTo(1);
			assertThat(failed.path("lastFailure").asString()).isNotEmpty();
			assertThat(this.http.delete("/actuator/durablecalls/always-fails/doomed").statusCode()).isEqualTo(204);
			assertThat(this.calls.find("always-fails", "doomed")).isEmpty();
		}

	}

}
