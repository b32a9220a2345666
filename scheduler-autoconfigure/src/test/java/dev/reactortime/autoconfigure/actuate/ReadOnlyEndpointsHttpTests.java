package dev.reactortime.autoconfigure.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.reactortime.autoconfigure.actuate.ActuatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints over real HTTP with their default access, read-only: the JSON they return, and write operations
 * refused. The reactor is on virtual time, so nothing moves while a test looks; the tests change no state.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = { EndpointsApplication.class, OpenSecurity.class },
		properties = "management.endpoints.web.exposure.include=delayedcalls,loopingcalls")
@VirtualReactorTime
class ReadOnlyEndpointsHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	VirtualTimeReactor reactor;

	private ActuatorHttp http;

	@BeforeEach
	void client() {
		this.http = new ActuatorHttp(this.port);
	}

	@Test
	void delayedCallsListsThePendingCallsInDueOrder() {
		HttpResponse<String> response = this.http.get("/actuator/delayedcalls");
		assertThat(response.statusCode()).isEqualTo(200);
		Json body = json(response);
		assertThat(body.path("total").asInt()).isEqualTo(3);
		assertThat(body.path("limit").asInt()).isEqualTo(100);
		Json calls = body.path("calls");
		assertThat(calls).hasSize(3);
		assertThat(calls.get(0).path("name").asString()).isEqualTo("tick");
		assertThat(calls.get(0).path("kind").asString()).isEqualTo("looping");
		Json reminder = calls.get(1);
		assertThat(reminder.propertyNames()).containsExactly("id", "name", "kind", "dueAt", "dueInMs", "source", "lock");
		assertThat(reminder.path("name").asString()).isEqualTo("reminder");
		assertThat(reminder.path("kind").asString()).isEqualTo("call");
		assertThat(reminder.path("dueAt").asString()).isEqualTo("1970-01-01T00:00:10Z");
		assertThat(reminder.path("dueInMs").asLong()).isEqualTo(10_000);
		assertThat(reminder.path("source").asString()).isEqualTo("chores#remind");
		assertThat(calls.get(2).path("name").asString()).isEqualTo("chores.sweep");
	}

	@Test
	void delayedCallsShowsOneCallByItsId() {
		DelayedCall call = this.reactor.callLater(CallOptions.named("probe"), Duration.ofHours(2), () -> {
		});
		try {
			HttpResponse<String> response = this.http.get("/actuator/delayedcalls/" + call.id());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(json(response).path("name").asString()).isEqualTo("probe");
			assertThat(json(response).path("source").asString()).isEqualTo("programmatic");
		}
		finally {
			call.cancel();
		}
	}

	@Test
	void delayedCallsLimitAndIdAreChecked() {
		assertThat(json(this.http.get("/actuator/delayedcalls?limit=1")).path("calls")).hasSize(1);
		assertThat(this.http.get("/actuator/delayedcalls?limit=99999999999").statusCode()).isEqualTo(200);
		HttpResponse<String> badLimit = this.http.get("/actuator/delayedcalls?limit=-1");
		assertThat(badLimit.statusCode()).isEqualTo(400);
		assertThat(json(badLimit).path("message").asString()).contains("limit");
		assertThat(this.http.get("/actuator/delayedcalls?limit=ten").statusCode()).isEqualTo(400);
		assertThat(this.http.get("/actuator/delayedcalls/abc").statusCode()).isEqualTo(400);
		assertThat(this.http.get("/actuator/delayedcalls/99999999999999999999").statusCode()).isEqualTo(400);
		HttpResponse<String> unknown = this.http.get("/actuator/delayedcalls/424242");
		assertThat(unknown.statusCode()).isEqualTo(404);
	}

	@Test
	void loopingCallsListsTheLoops() {
		HttpResponse<String> response = this.http.get("/actuator/loopingcalls");
		assertThat(response.statusCode()).isEqualTo(200);
		Json loops = json(response).path("loops");
		assertThat(loops).hasSize(1);
		Json tick = loops.get(0);
		assertThat(tick.path("name").asString()).isEqualTo("tick");
		assertThat(tick.path("interval").asString()).isEqualTo("PT1S");
		assertThat(tick.path("running").asBoolean()).isTrue();
		assertThat(tick.path("calls").asLong()).isZero();
		assertThat(tick.path("skipped").asLong()).isZero();
		assertThat(tick.path("nextDueAt").asString()).isEqualTo("1970-01-01T00:00:00Z");
		assertThat(this.http.get("/actuator/loopingcalls/tick").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/loopingcalls/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void writeOperationsAreRefusedUnderTheDefaultAccess() {
		DelayedCall call = this.reactor.callLater(CallOptions.named("keep"), Duration.ofHours(3), () -> {
		});
		try {
			HttpResponse<String> delete = this.http.delete("/actuator/delayedcalls/" + call.id());
			assertThat(delete.statusCode()).isEqualTo(405);
			assertThat(call.active()).isTrue();
			assertThat(this.http.delete("/actuator/loopingcalls/tick").statusCode()).isEqualTo(405);
			HttpResponse<String> post = this.http.post("/actuator/loopingcalls/tick", "{\"action\":\"reset\"}");
			assertThat(post.statusCode()).isEqualTo(405);
			assertThat(json(this.http.get("/actuator/loopingcalls/tick")).path("running").asBoolean()).isTrue();
		}
		finally {
			call.cancel();
		}
	}

}
