package dev.reactortime.autoconfigure.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
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
 * The endpoints over real HTTP with unrestricted access: cancelling calls, stopping, starting and resetting loops.
 * Each test works on calls and loops of its own, so the tests do not depend on one another.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = { EndpointsApplication.class, OpenSecurity.class },
		properties = { "management.endpoints.web.exposure.include=delayedcalls,loopingcalls",
				"management.endpoint.delayedcalls.access=unrestricted",
				"management.endpoint.loopingcalls.access=unrestricted" })
@VirtualReactorTime
class UnrestrictedEndpointsHttpTests {

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
	void deleteCancelsACallAndItIsGoneAfterwards() {
		boolean[] ran = new boolean[1];
		DelayedCall call = this.reactor.callLater(CallOptions.named("cancel-me"), Duration.ofHours(1),
				() -> ran[0] = true);
		String path = "/actuator/delayedcalls/" + call.id();

		HttpResponse<String> deleted = this.http.delete(path);
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertThat(call.active()).isFalse();
		assertThat(this.http.get(path).statusCode()).isEqualTo(404);
		assertThat(this.http.delete(path).statusCode()).isEqualTo(404);
		this.reactor.advance(Duration.ofHours(1));
		assertThat(ran[0]).isFalse();
	}

	@Test
	void concurrentDeletesOfOneCallGiveOneSuccessAndNotFoundForTheRest() {
		DelayedCall call = this.reactor.callLater(CallOptions.named("contested"), Duration.ofHours(1), () -> {
		});
		String path = "/actuator/delayedcalls/" + call.id();
		List<CompletableFuture<Integer>> statuses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			statuses.add(CompletableFuture.supplyAsync(() -> this.http.delete(path).statusCode()));
		}
		assertThat(statuses).extracting(CompletableFuture::join).containsOnly(204, 404).containsOnlyOnce(204);
	}

	@Test
	void optionalParametersMayBeLeftOut() {
		// Boot 4 sees JSpecify's @Nullable, Boot 3.5 only Spring's: without both, Boot 3.5 answers 400 here.
		HttpResponse<String> list = this.http.get("/actuator/delayedcalls");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(json(list).path("limit").asInt()).isEqualTo(DelayedCallsEndpoint.DEFAULT_LIMIT);

		LoopingCall loop = this.reactor.loopingCall("http-optional", () -> {
		});
		loop.start(Duration.ofHours(1), false);
		loop.stop();
		HttpResponse<String> started = this.http.post("/actuator/loopingcalls/http-optional",
				"{\"action\":\"start\"}");
		assertThat(started.statusCode()).isEqualTo(200);
		assertThat(loop.isRunning()).isTrue();
		HttpResponse<String> noAction = this.http.post("/actuator/loopingcalls/http-optional", "{}");
		assertThat(noAction.statusCode()).isEqualTo(400);
		assertThat(json(noAction).path("message").asString())
			.isEqualTo("action must be 'start', 'reset', 'pause', 'resume' or 'run-now'");
		loop.stop();
	}

	@Test
	void malformedAndUnknownInputIsRefusedWithoutAServerError() {
		assertThat(this.http.delete("/actuator/delayedcalls/abc").statusCode()).isEqualTo(400);
		assertThat(this.http.delete("/actuator/delayedcalls/-3").statusCode()).isEqualTo(400);
		assertThat(this.http.delete("/actuator/delayedcalls/123456789").statusCode()).isEqualTo(404);
		assertThat(this.http.delete("/actuator/loopingcalls/nope").statusCode()).isEqualTo(404);
		assertThat(this.http.post("/actuator/loopingcalls/nope", "{\"action\":\"reset\"}").statusCode())
			.isEqualTo(404);
		assertThat(this.http.post("/actuator/loopingcalls/tick", "{\"action\":\"explode\"}").statusCode())
			.isEqualTo(400);
		assertThat(this.http.post("/actuator/loopingcalls/tick", "{}").statusCode()).isEqualTo(400);
		assertThat(this.http.post("/actuator/loopingcalls/tick", "{\"action\":\"start\",\"now\":\"maybe\"}")
			.statusCode()).isEqualTo(400);
		assertThat(this.http.post("/actuator/loopingcalls/tick", "not json").statusCode()).isEqualTo(400);
	}

	@Test
	void loopStoppedOverHttpTicksNoMore() {
		AtomicInteger ticks = new AtomicInteger();
		LoopingCall loop = this.reactor.loopingCall("http-stoppable", ticks::incrementAndGet);
		loop.start(Duration.ofMinutes(10));
		this.reactor.advance(Duration.ofMinutes(10));
		assertThat(ticks).hasValue(2);

		HttpResponse<String> stopped = this.http.delete("/actuator/loopingcalls/http-stoppable");
		assertThat(stopped.statusCode()).isEqualTo(204);
		assertThat(loop.isRunning()).isFalse();
		this.reactor.advance(Duration.ofHours(1));
		assertThat(ticks).hasValue(2);
		HttpResponse<String> after = this.http.get("/actuator/loopingcalls/http-stoppable");
		assertThat(json(after).path("running").asBoolean()).isFalse();
		assertThat(json(after).path("calls").asLong()).isEqualTo(2);
		assertThat(this.http.delete("/actuator/loopingcalls/http-stoppable").statusCode()).isEqualTo(409);
	}

	@Test
	void postStartsAStoppedLoopAgainAndResetsARunningOne() {
		AtomicInteger ticks = new AtomicInteger();
		LoopingCall loop = this.reactor.loopingCall("http-restartable", ticks::incrementAndGet);
		loop.start(Duration.ofHours(1), false);
		loop.stop();

		HttpResponse<String> started = this.http.post("/actuator/loopingcalls/http-restartable",
				"{\"action\":\"start\"}");
		assertThat(started.statusCode()).isEqualTo(200);
		assertThat(json(started).path("running").asBoolean()).isTrue();
		assertThat(json(started).path("interval").asString()).isEqualTo("PT1H");
		this.reactor.advance(Duration.ZERO);
		assertThat(ticks).hasValue(1);

		// The action may also come as a query parameter, still with a JSON content type (without one: 415).
		assertThat(this.http.send("POST", "/actuator/loopingcalls/http-restartable?action=reset", null).statusCode())
			.isEqualTo(415);
		HttpResponse<String> reset = this.http.post("/actuator/loopingcalls/http-restartable?action=reset", "");
		assertThat(reset.statusCode()).isEqualTo(200);
		assertThat(json(reset).path("running").asBoolean()).isTrue();
		assertThat(this.http.post("/actuator/loopingcalls/http-restartable", "{\"action\":\"start\"}").statusCode())
			.isEqualTo(409);
		loop.stop();
	}

	@Test
	void postPausesResumesAndRunsALoopNow() {
		AtomicInteger ticks = new AtomicInteger();
		LoopingCall loop = this.reactor.loopingCall("http-controlled", ticks::incrementAndGet);
		loop.start(Duration.ofMinutes(10), false);
		String path = "/actuator/loopingcalls/http-controlled";

		HttpResponse<String> paused = this.http.post(path, "{\"action\":\"pause\"}");
		assertThat(paused.statusCode()).isEqualTo(200);
		assertThat(json(paused).path("paused").asBoolean()).isTrue();
		this.reactor.advance(Duration.ofMinutes(20));
		assertThat(ticks).hasValue(0);
		assertThat(json(this.http.get(path)).path("skipped").asLong()).isEqualTo(2);

		HttpResponse<String> ranNow = this.http.post(path, "{\"action\":\"run-now\"}");
		assertThat(ranNow.statusCode()).isEqualTo(200);
		this.reactor.advance(Duration.ZERO);
		assertThat(ticks).hasValue(1);

		HttpResponse<String> resumed = this.http.post(path, "{\"action\":\"resume\"}");
		assertThat(resumed.statusCode()).isEqualTo(200);
		assertThat(json(resumed).path("paused").asBoolean()).isFalse();
		this.reactor.advance(Duration.ofMinutes(10));
		assertThat(ticks).hasValue(2);
		loop.stop();
		assertThat(this.http.post(path, "{\"action\":\"pause\"}").statusCode()).isEqualTo(409);
		assertThat(this.http.post(path, "{\"action\":\"run-now\"}").statusCode()).isEqualTo(409);
	}

}
