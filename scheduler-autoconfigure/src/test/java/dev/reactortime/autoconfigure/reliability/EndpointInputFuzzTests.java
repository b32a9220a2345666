package dev.reactortime.autoconfigure.reliability;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.reactortime.CallKind;
import dev.reactortime.CallOptions;
import dev.reactortime.DelayedCall;
import dev.reactortime.LoopingCall;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.actuate.ActuatorHttp;
import dev.reactortime.autoconfigure.actuate.EndpointsApplication;
import dev.reactortime.autoconfigure.actuate.OpenSecurity;
import dev.reactortime.autoconfigure.test.VirtualReactorTime;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §6, bad endpoint input: a few hundred random and nasty requests over real HTTP, with unrestricted access, to
 * every operation of {@code delayedcalls} and {@code loopingcalls} (ids, limits, loop names, POST bodies, other HTTP
 * methods), and concurrent cancels of one call. Every answer is a success or a client error, never a server error;
 * where the input is well-formed (or malformed in a way only the endpoint judges), the status is exactly the one the
 * reactor's state calls for, and a request that fails changes nothing.
 *
 * <p>The random choices come from a fixed seed, printed at the start; {@code -Dfuzz.seed=n} runs another sequence,
 * {@code -Dfuzz.verbose=true} prints every request and its status.
 * Time is virtual, so nothing runs behind the requests' backs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = { EndpointsApplication.class, OpenSecurity.class },
		properties = { "management.endpoints.web.exposure.include=delayedcalls,loopingcalls",
				"management.endpoint.delayedcalls.access=unrestricted",
				"management.endpoint.loopingcalls.access=unrestricted",
				// A context of its own (the fuzz cancels and stops what it finds), and a quiet log for 400s.
				"spring.application.name=endpoint-fuzz",
				"logging.level.org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver=error",
				"logging.level.org.apache.coyote.http11=error" })
@VirtualReactorTime
class EndpointInputFuzzTests {

	private static final long SEED = Long.getLong("fuzz.seed", 20_261_125L);

	private static final int RANDOM_REQUESTS = 300;

	private static final Set<Integer> ACCEPTABLE = Set.of(200, 204, 400, 404, 405, 409, 415);

	private static final String CALLS = "/actuator/delayedcalls";

	private static final String LOOPS = "/actuator/loopingcalls";

	@LocalServerPort
	int port;

	@Autowired
	VirtualTimeReactor reactor;

	private ActuatorHttp http;

	private final List<Exchange> exchanges = new ArrayList<>();

	/** Calls the fuzz has cancelled with a 204: the only calls that may have stopped being pending. */
	private final List<Long> cancelledIds = new ArrayList<>();

	@BeforeEach
	void client() {
		this.http = new ActuatorHttp(this.port);
	}

	@Test
	void hundredsOfRandomAndNastyRequestsGetSuccessOrAClientErrorAndNeverAServerError() {
		System.out.println("EndpointInputFuzzTests: seed " + SEED + " (run another with -Dfuzz.seed=<n>)");
		Random random = new Random(SEED);
		List<DelayedCall> fixtures = fixtures();
		long began = System.nanoTime();
		// Every listed input at least once, whatever the seed...
		LIMITS.forEach((limit) -> listCalls(limit, false));
		for (Input id : IDS) {
			oneCall(id, false);
			oneCall(id, true);
		}
		List<Input> wellFormedNames = NAMES.stream().filter(Input::wellFormed).toList();
		for (Input name : NAMES) {
			oneLoop(name, false);
			oneLoop(name, true);
			postToLoop(name, pick(random, BODIES));
		}
		BODIES.forEach((body) -> postToLoop(pick(random, wellFormedNames), body));
		int swept = this.exchanges.size();
		// ...then random operations with random inputs, random text among them.
		for (int i = 0; i < RANDOM_REQUESTS; i++) {
			switch (random.nextInt(8)) {
				case 0 -> listCalls(pick(random, LIMITS), random.nextInt(10) == 0);
				case 1, 2 -> oneCall(pickId(random), random.nextBoolean());
				case 3 -> send("GET", LOOPS, null, 200);
				case 4, 5 -> oneLoop(pickName(random), random.nextBoolean());
				case 6 -> postToLoop(pickName(random), pick(random, BODIES));
				default -> otherMethod(random);
			}
		}
		long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
		Map<Integer, Long> statuses = this.exchanges.stream()
			.collect(Collectors.groupingBy(Exchange::status, TreeMap::new, Collectors.counting()));
		System.out.printf("EndpointInputFuzzTests: %d requests (%d listed inputs, %d random) in %d ms, statuses %s%n",
				this.exchanges.size(), swept, RANDOM_REQUESTS, tookMs, statuses);
		if (Boolean.getBoolean("fuzz.verbose")) {
			this.exchanges.forEach(System.out::println);
		}

		assertThat(this.exchanges).hasSize(swept + RANDOM_REQUESTS);
		assertThat(this.exchanges).filteredOn((exchange) -> !ACCEPTABLE.contains(exchange.status()))
			.as("answers outside %s", ACCEPTABLE)
			.isEmpty();
		assertThat(this.exchanges)
			.filteredOn((exchange) -> exchange.expected() != null && exchange.status() != exchange.expected())
			.as("answers other than the expected status")
			.isEmpty();
		// The fuzz reaches the endpoints' own answers, not only the web layer's.
		assertThat(statuses).containsKeys(200, 204, 400, 404, 405, 409, 415);
		// Nothing changed but what a 204 changed: every other call is still pending, and the list still adds up.
		assertThat(fixtures).allSatisfy((call) -> assertThat(call.active()).as("call %s", call.id())
			.isEqualTo(!this.cancelledIds.contains(call.id())));
		HttpResponse<String> list = this.http.get(CALLS + "?limit=0");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(ActuatorHttp.json(list).path("total").asInt()).isEqualTo(this.reactor.getDelayedCalls().size());
		boolean[] ran = new boolean[1];
		this.reactor.callLater(Duration.ZERO, () -> ran[0] = true);
		this.reactor.advance(Duration.ZERO);
		assertThat(ran[0]).isTrue();
	}

	@Test
	void eightThreadsCancellingOneCallAtOnceGetOneNoContentAndSevenNotFound() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 10; round++) {
				DelayedCall call = this.reactor.callLater(CallOptions.named("contested"), Duration.ofHours(1), () -> {
				});
				String path = CALLS + "/" + call.id();
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int t = 0; t < 8; t++) {
					statuses.add(threads.submit(() -> {
						go.await();
						return this.http.delete(path).statusCode();
					}));
				}
				go.countDown();
				List<Integer> answered = new ArrayList<>();
				for (Future<Integer> status : statuses) {
					answered.add(status.get(10, TimeUnit.SECONDS));
				}
				assertThat(answered).as("round %d", round).containsOnlyOnce(204).containsOnly(204, 404).hasSize(8);
				assertThat(call.active()).isFalse();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	// ---- the state the requests find

	private List<DelayedCall> fixtures() {
		List<DelayedCall> calls = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			calls.add(this.reactor.callLater(CallOptions.named("fuzz-call"), Duration.ofHours(1).plusSeconds(i), () -> {
			}));
		}
		for (int i = 0; i < 10; i++) {
			String result = "result " + i;
			this.reactor.deferLater(CallOptions.named("fuzz-deferred"), Duration.ofHours(2).plusSeconds(i),
					() -> result);
		}
		calls.addAll(this.reactor.getDelayedCalls()
			.stream()
			.filter((call) -> call.kind() == CallKind.DEFERRED)
			.toList());
		this.reactor.loopingCall("fuzz-running", () -> {
		}).start(Duration.ofMinutes(1));
		LoopingCall stopped = this.reactor.loopingCall("fuzz-stopped", () -> {
		});
		stopped.start(Duration.ofMinutes(5));
		stopped.stop();
		this.reactor.loopingCall("fuzz-never-started", () -> {
		});
		this.reactor.loopingCall("fuzz-twin", () -> {
		}).start(Duration.ofMinutes(1));
		this.reactor.loopingCall("fuzz-twin", () -> {
		}).start(Duration.ofMinutes(2));
		this.reactor.loopingCall("fuzz ünïcødé ✓ 🚀", () -> {
		}).start(Duration.ofSeconds(30), false);
		this.reactor.loopingCall("fuzz/slash", () -> {
		}).start(Duration.ofSeconds(30), false);
		return calls;
	}

	// ---- the operations

	private void listCalls(Input limit, boolean twice) {
		String query = twice ? "?limit=1&limit=" + limit.raw() : "?limit=" + limit.raw();
		Integer expected = null;
		if (!twice) {
			expected = limit.wellFormed() ? Integer.valueOf(200) : limit.expected(null);
		}
		send("GET", CALLS + query, null, expected);
	}

	private void oneCall(Input id, boolean delete) {
		Integer expected = id.expected(null);
		if (id.wellFormed()) {
			long value = Long.parseLong(id.value());
			DelayedCall call = this.reactor.getDelayedCalls()
				.stream()
				.filter((candidate) -> candidate.id() == value)
				.findFirst()
				.orElse(null);
			expected = (call == null) ? 404 : !delete ? 200 : (call.kind() == CallKind.LOOPING) ? 409 : 204;
		}
		int status = send(delete ? "DELETE" : "GET", CALLS + "/" + id.raw(), null, expected);
		if (status == 204) {
			Exchange last = this.exchanges.get(this.exchanges.size() - 1);
			assertThat(id.wellFormed()).as("cancelled by a malformed id: %s", last).isTrue();
			this.cancelledIds.add(Long.parseLong(id.value()));
		}
	}

	private void oneLoop(Input name, boolean delete) {
		Integer expected = name.wellFormed() ? loopStatus(name.value(), (loop) -> {
			if (!delete) {
				return 200;
			}
			return loop.isRunning() ? 204 : 409;
		}) : null;
		send(delete ? "DELETE" : "GET", LOOPS + "/" + name.raw(), null, expected);
	}

	private void postToLoop(Input name, Body body) {
		Integer expected = null;
		if (!name.wellFormed()) {
			expected = null; // the web layer may refuse the path before the body is looked at
		}
		else if (body.expected() != null) {
			expected = body.expected();
		}
		else if (body.action() != null) {
			boolean start = body.action().equals("start");
			expected = loopStatus(name.value(), (loop) -> {
				if (start) {
					return (loop.isRunning() || loop.interval() == null) ? 409 : 200;
				}
				return loop.isRunning() ? 200 : 409;
			});
		}
		String query = body.query() != null ? "?" + body.query() : "";
		send("POST", LOOPS + "/" + name.raw() + query, body.json(), expected);
	}

	private void otherMethod(Random random) {
		String method = pick(random, List.of("PUT", "PATCH"));
		String path = switch (random.nextInt(4)) {
			case 0 -> CALLS;
			case 1 -> CALLS + "/" + pickId(random).raw();
			case 2 -> LOOPS;
			default -> LOOPS + "/" + pickName(random).raw();
		};
		send(method, path, random.nextBoolean() ? "{\"action\":\"start\"}" : null, null);
	}

	/** 200/204/409 as {@code whenUnique} says for the one loop of that name, 404 for none, 409 for several. */
	private int loopStatus(String name, Function<LoopingCall, Integer> whenUnique) {
		List<LoopingCall> loops = this.reactor.getLoopingCalls()
			.stream()
			.filter((loop) -> loop.name().equals(name))
			.toList();
		return (loops.isEmpty()) ? 404 : (loops.size() > 1) ? 409 : whenUnique.apply(loops.get(0));
	}

	private int send(String method, String path, @Nullable String body, @Nullable Integer expected) {
		int status = this.http.send(method, path, body).statusCode();
		this.exchanges.add(new Exchange(method, path, body, status, expected));
		return status;
	}

	// ---- the inputs

	/**
	 * An input as sent ({@code raw}, a valid URI part) and as the endpoint should see it ({@code value}). Well-formed
	 * inputs get the status the reactor's state calls for; {@code endpointStatus} is the status of an input that only
	 * the endpoint can refuse; nasty inputs (which the web layer may refuse first) are only held to the acceptable set.
	 */
	record Input(String raw, String value, boolean wellFormed, @Nullable Integer endpointStatus) {

		static Input wellFormed(String value) {
			return new Input(encode(value), value, true, null);
		}

		static Input refused(String value, int status) {
			return new Input(encode(value), value, false, status);
		}

		static Input nasty(String raw) {
			return new Input(raw, raw, false, null);
		}

		@Nullable Integer expected(@Nullable Integer otherwise) {
			return (this.endpointStatus != null) ? this.endpointStatus : otherwise;
		}

	}

	/** A POST body (JSON text, or none), with the action it carries when well-formed, or the status it must get. */
	record Body(@Nullable String json, @Nullable String query, @Nullable String action, @Nullable Integer expected) {

		static Body action(String json, String action) {
			return new Body(json, null, action, null);
		}

		static Body refused(@Nullable String json, int status) {
			return new Body(json, null, null, status);
		}

		static Body nasty(@Nullable String json) {
			return new Body(json, null, null, null);
		}

		Body withQuery(String query) {
			return new Body(this.json, query, this.action, this.expected);
		}

	}

	record Exchange(String method, String path, @Nullable String body, int status, @Nullable Integer expected) {

		@Override
		public String toString() {
			String shown = (this.body != null && this.body.length() > 80) ? this.body.substring(0, 80) + "…"
					: this.body;
			return this.method + " " + ((this.path.length() > 200) ? this.path.substring(0, 200) + "…" : this.path)
					+ " body=" + shown + " -> " + this.status + ((this.expected != null) ? " (expected "
							+ this.expected + ")" : "") + " [seed " + SEED + "]";
		}

	}

	private static final List<Input> LIMITS = List.of(Input.wellFormed("0"), Input.wellFormed("1"),
			Input.wellFormed("7"), Input.wellFormed("100"), Input.wellFormed("1000"), Input.wellFormed("1001"),
			Input.wellFormed(String.valueOf(Integer.MAX_VALUE)), Input.wellFormed("2147483648"),
			Input.wellFormed("9".repeat(40)), Input.wellFormed("0000000000000000000000000000000000005"),
			Input.refused("-1", 400), Input.refused("-0", 400), Input.refused(String.valueOf(Long.MIN_VALUE), 400),
			Input.refused("abc", 400), Input.refused("1.5", 400), Input.refused("0.0", 400), Input.refused("1e3", 400),
			Input.refused(" 5", 400), Input.refused("5 ", 400), Input.refused("+5", 400), Input.refused("0x10", 400),
			Input.refused("NaN", 400), Input.refused("Infinity", 400), Input.refused("١٢", 400),
			Input.refused("５", 400), Input.refused("null", 400), Input.refused("limit", 400),
			Input.refused("[1]", 400), Input.refused("{\"a\":1}", 400), Input.refused("\u00e9\u00e9", 400),
			Input.nasty(""), Input.nasty("%00"), Input.nasty("1%00"), Input.nasty("%0A"), Input.nasty("%FF"),
			Input.nasty("%C3%28"), Input.nasty("%25"), Input.nasty("+"), Input.nasty("%20"));

	private static final List<Input> IDS = List.of(Input.wellFormed("0"), Input.wellFormed("1"),
			Input.wellFormed("007"), Input.wellFormed(String.valueOf(Long.MAX_VALUE)),
			Input.wellFormed("0000000000000000001"), Input.refused("9223372036854775808", 400),
			Input.refused("99999999999999999999", 400), Input.refused("1".repeat(300), 400),
			Input.refused("-1", 400), Input.refused(String.valueOf(Long.MIN_VALUE), 400), Input.refused("1e3", 400),
			Input.refused(" 1", 400), Input.refused("1 ", 400), Input.refused("+1", 400), Input.refused("0x1F", 400),
			Input.refused("1.0", 400), Input.refused("abc", 400), Input.refused("null", 400),
			Input.refused("undefined", 400), Input.refused("{id}", 400), Input.refused("１２", 400),
			Input.refused("٣", 400), Input.refused("🚀", 400), Input.refused("' OR 1=1 --", 400),
			Input.refused("<script>", 400), Input.refused("1,2", 400), Input.refused("*", 400),
			Input.refused("\u00e9", 400), Input.nasty(""), Input.nasty("%00"), Input.nasty("1%00"),
			Input.nasty("%2F"), Input.nasty("1%2F2"), Input.nasty("1/2"), Input.nasty(".."), Input.nasty("."),
			Input.nasty("%2e%2e"), Input.nasty("%20"), Input.nasty("%09"), Input.nasty("1;a=b"), Input.nasty("%3B"),
			Input.nasty("%5C"), Input.nasty("%25"), Input.nasty("%FF"), Input.nasty("%C0%AF"), Input.nasty("1?x=1"),
			Input.nasty("1#frag"));

	private static final List<Input> NAMES = List.of(Input.wellFormed("tick"), Input.wellFormed("fuzz-running"),
			Input.wellFormed("fuzz-stopped"), Input.wellFormed("fuzz-never-started"), Input.wellFormed("fuzz-twin"),
			Input.wellFormed("fuzz ünïcødé ✓ 🚀"), Input.wellFormed("FUZZ-RUNNING"), Input.wellFormed("fuzz-running "),
			Input.wellFormed("nope"), Input.wellFormed("unnamed"), Input.wellFormed("-1"),
			Input.wellFormed("x".repeat(3000)), Input.wellFormed("' OR 1=1 --"), Input.wellFormed("<script>"),
			Input.wellFormed("${reactortime.enabled}"), Input.wellFormed("#{1+1}"), Input.nasty(""),
			Input.nasty("fuzz%2Fslash"), Input.nasty("fuzz/slash"), Input.nasty("%2F"), Input.nasty("a%2Fb"),
			Input.nasty("%2e%2e"), Input.nasty(".."), Input.nasty("."), Input.nasty("%00"), Input.nasty("tick%00"),
			Input.nasty("%5C"), Input.nasty("tick;x"), Input.nasty("%3B"), Input.nasty("%25"), Input.nasty("%FF"),
			Input.nasty("%0D%0A"), Input.nasty("tick%20"), Input.nasty("%E2%80%A8"));

	// Spring Boot reads a JSON body as string values: a number or boolean becomes its text, null is no value, and an
	// array or object is refused with 400 before the endpoint sees it, whatever the key.
	private static final List<Body> BODIES = List.of(Body.action("{\"action\":\"start\"}", "start"),
			Body.action("{\"action\":\"reset\"}", "reset"), Body.action("{\"action\":\"START\"}", "start"),
			Body.action("{\"action\":\" reset \"}", "reset"),
			Body.action("{\"action\":\"start\",\"now\":\"false\"}", "start"),
			Body.action("{\"action\":\"start\",\"now\":\"TRUE\"}", "start"),
			Body.action("{\"action\":\"start\",\"now\":false}", "start"),
			Body.action("{\"action\":\"start\",\"now\":null}", "start"),
			Body.action("{\"action\":\"reset\",\"extra\":1}", "reset"),
			Body.action("", "reset").withQuery("action=reset"), Body.refused("{\"action\":\"explode\"}", 400),
			Body.refused("{\"action\":\"\"}", 400), Body.refused("{}", 400), Body.refused("null", 400),
			Body.refused("{\"Action\":\"start\"}", 400), Body.refused("{\"action\":\"stop\"}", 400),
			Body.refused("{\"action\":\"restart\"}", 400), Body.refused("{\"action\":1}", 400),
			Body.refused("{\"action\":true}", 400), Body.refused("{\"action\":null}", 400),
			Body.refused("{\"action\":\"st\\u0000art\"}", 400),
			Body.refused("{\"action\":\"" + "a".repeat(100_000) + "\"}", 400),
			Body.refused("{\"action\":\"start\",\"now\":\"maybe\"}", 400),
			Body.refused("{\"action\":\"start\",\"now\":1}", 400), Body.refused("{\"action\":[\"start\"]}", 400),
			Body.refused("{\"action\":{\"verb\":\"start\"}}", 400),
			Body.refused("{\"action\":\"start\",\"now\":[true]}", 400),
			Body.refused("{\"action\":\"reset\",\"extra\":[1,2,3]}", 400), Body.refused(null, 415),
			Body.refused("not json", 400), Body.refused("{", 400), Body.refused("{\"action\":", 400),
			Body.refused("[]", 400), Body.refused("\"start\"", 400), Body.refused("42", 400),
			Body.refused("[".repeat(2000) + "]".repeat(2000), 400), Body.nasty(""),
			Body.nasty("{}").withQuery("action=start"),
			Body.nasty("{\"action\":\"start\",\"now\":\"\"}"), Body.nasty("{\"action\":\"start\"}}"),
			Body.nasty("{\"action\":\"start\",\"action\":\"reset\"}"), Body.nasty("\uFEFF{\"action\":\"start\"}"));

	private Input pickId(Random random) {
		int dice = random.nextInt(10);
		if (dice < 3) {
			// A call that may be pending (the fuzz cancels some): small ids hit the fixtures and the loops' ticks.
			return Input.wellFormed(String.valueOf(random.nextInt(80)));
		}
		if (dice < 4) {
			return Input.wellFormed(String.valueOf(random.nextLong() & Long.MAX_VALUE));
		}
		if (dice < 5) {
			return Input.refused(randomText(random, 1 + random.nextInt(30)), 400);
		}
		return pick(random, IDS);
	}

	private Input pickName(Random random) {
		return (random.nextInt(5) == 0) ? Input.wellFormed(randomText(random, 1 + random.nextInt(40)))
				: pick(random, NAMES);
	}

	/**
	 * Random text that the web layer passes through to the endpoint: letters of several scripts, digits, punctuation
	 * and spaces, emoji; never a slash, backslash, semicolon, percent sign or control character, never only dots, and
	 * never all digits (so, as an id, only the endpoint refuses it).
	 */
	private static String randomText(Random random, int length) {
		String alphabet = "abcXYZ019 -_.~!$&'()*+,=:@[]{}|^`\"<>äöüßéñçøåЖжΩπ中文字日本語한국어عربي";
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			if (random.nextInt(12) == 0) {
				text.appendCodePoint(0x1F600 + random.nextInt(80));
			}
			else {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
		}
		String value = text.toString();
		return (value.chars().allMatch((c) -> c >= '0' && c <= '9') || value.chars().allMatch((c) -> c == '.')
				|| value.isBlank()) ? value + "x" : value;
	}

	private static <T> T pick(Random random, List<T> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

	/** Percent-encodes every byte that is not unreserved, for a path segment or a query value. */
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
	}

}
