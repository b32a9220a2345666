package dev.reactortime.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.reactortime.benchmarks.timers.Timers;
import org.jspecify.annotations.Nullable;

/**
 * Reads every scenario's raw results (JMH's {@code jmh.json} for A and B, the harness mains' {@code RESULT} files
 * for C to F), prints one table per scenario with each figure and its ratio to every other implementation, the
 * targets of issue 14 with met or missed, and one {@code RESULT} line per figure; writes the same as
 * {@code latest.md} and the lag chart as {@code lag-percentiles.png}.
 *
 * <p>Usage: {@code Report <raw-dir> <results-dir> <quick|full>}.
 */
public final class Report {

	private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

	static {
		SCENARIOS.put("A", "schedule + cancel, 1,000,000 pending\n\nJMH, average time. Each operation cancels the next "
				+ "timer of a ring of a million (due in 1-5 h) and schedules a new one in its slot. `_loop`: batches of "
				+ "10,000 run on the timer's own thread (Agrona: the caller); `_cross`: called from the benchmark thread. "
				+ "`alloc_bytes`: `-prof gc`, all threads.");
		SCENARIOS.put("B", "reschedule 1 ms later, 1,000,000 pending\n\nJMH. The reactor calls `DelayedCall.delay(1 ms)`; "
				+ "the peers read the remaining delay, cancel and schedule again (Netty: deadline read from the handle).");
		SCENARIOS.put("C", "fire throughput\n\nN no-op timers scheduled from the main thread (Agrona: its polling thread), "
				+ "all due at one instant (`burst`: fires/s = N / (last fire - deadline)) or spread over 1 s in scrambled "
				+ "order (`spread`: how late the last one fired). `cpu_ns_per_fire`: CPU of the whole JVM from the first "
				+ "schedule to the last fire, over N. Median of the measured rounds. Agrona's wheel scans a tick's slot "
				+ "on every schedule, so its 1M burst (O(n^2)) is left out.");
		SCENARIOS.put("D", "fire lag\n\nFresh JVM per implementation. Open-loop arrivals at 1k, 10k, 100k/s with delays of "
				+ "1-100 ms; lag = start - (nanoTime before scheduling + delay), HdrHistogram, microseconds; `early` counts "
				+ "timers that started before their deadline; `cpu_cores`: the whole JVM's CPU over the window, in cores (what "
				+ "waking on time costs: the reactor spins out the last microseconds before a deadline). "
				+ "Chart: `lag-percentiles.png`.");
		SCENARIOS.put("E", "retained heap per pending timer\n\nSerial GC, heap used after full GC: 1,000,000 timers due in "
				+ "1-5 h, handles included; then all cancelled and dropped, measured every 100 ms for 1 s "
				+ "(`recovered_ms` -1: not back within 5% of the baseline in that second).");
		SCENARIOS.put("F", "wake-ups per second while idle\n\n1,000 timers pending hours out, nothing due: context switches "
				+ "of the threads the implementation started (`/proc/self/task/<tid>/status`).");
	}

	private Report() {
	}

	public static void main(String[] args) throws IOException {
		Path raw = Path.of(args[0]);
		Path out = Path.of(args[1]);
		String mode = (args.length > 2) ? args[2] : "quick";
		List<Figure> figures = new ArrayList<>(JmhResults.read(raw.resolve("jmh.json")));
		try (Stream<Path> files = Files.list(raw)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".txt")).sorted().toList()) {
				for (String line : Files.readAllLines(file)) {
					if (line.startsWith("RESULT ")) {
						figures.add(Figure.parse(line));
					}
				}
			}
		}
		figures.sort(Comparator.comparing(Figure::scenario).thenComparingInt((figure) -> implOrder(figure.impl())));
		String markdown = render(figures, mode);
		System.out.println(markdown);
		for (Figure figure : figures) {
			System.out.println(figure.resultLine());
		}
		Files.createDirectories(out);
		Files.writeString(out.resolve("latest.md"), markdown);
		Path chart = out.resolve("lag-percentiles.png");
		if (LagChart.write(raw, chart)) {
			System.out.println("Lag chart: " + chart);
		}
		System.out.println("Table: " + out.resolve("latest.md"));
	}

	static String render(List<Figure> figures, String mode) {
		StringBuilder md = new StringBuilder();
		md.append("# reactortime benchmarks (").append(mode).append(" mode)\n\n");
		md.append("JDK ").append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, ").append(loadAverage()).append(", ")
			.append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
			.append(" UTC. Ratio columns: how many times better the row is than that implementation ")
			.append("(> 1: better; lower is better except for `per_s` throughputs).\n\n");
		md.append(Targets.render(figures)).append('\n');
		for (Map.Entry<String, String> scenario : SCENARIOS.entrySet()) {
			List<Figure> inScenario = figures.stream().filter((f) -> f.scenario().equals(scenario.getKey())).toList();
			if (inScenario.isEmpty()) {
				continue;
			}
			md.append("## ").append(scenario.getKey()).append(". ").append(scenario.getValue()).append("\n\n");
			md.append(table(inScenario)).append('\n');
		}
		return md.toString();
	}

	private static String table(List<Figure> figures) {
		Set<String> impls = new LinkedHashSet<>();
		Map<String, Map<String, Figure>> byMetric = new LinkedHashMap<>();
		for (Figure figure : figures) {
			impls.add(figure.impl());
		}
		List<String> metrics = figures.stream().map(Figure::metric).distinct().toList();
		for (String metric : metrics) {
			Map<String, Figure> row = new LinkedHashMap<>();
			for (String impl : impls) {
				figures.stream()
					.filter((f) -> f.metric().equals(metric) && f.impl().equals(impl))
					.findFirst()
					.ifPresent((f) -> row.put(impl, f));
			}
			byMetric.put(metric, row);
		}
		StringBuilder md = new StringBuilder("| metric | impl | value |");
		for (String peer : impls) {
			md.append(" vs ").append(peer).append(" |");
		}
		md.append("\n|---|---|--:|");
		md.append("--:|".repeat(impls.size())).append('\n');
		for (Map.Entry<String, Map<String, Figure>> metric : byMetric.entrySet()) {
			for (Figure figure : metric.getValue().values()) {
				md.append("| ").append(metric.getKey()).append(" | ").append(figure.impl()).append(" | ")
					.append(Figure.format(figure.value())).append(" |");
				for (String peer : impls) {
					Figure other = metric.getValue().get(peer);
					md.append(' ').append((other == null || peer.equals(figure.impl())) ? "" : ratio(figure, other))
						.append(" |");
				}
				md.append('\n');
			}
		}
		return md.toString();
	}

	/**
	 * How many times better {@code figure} is than {@code peer}.
	 */
	static String ratio(Figure figure, Figure peer) {
		double value = figure.value();
		double other = peer.value();
		if (value < 0 || other < 0) {
			return "-";
		}
		if (value == other) {
			return "1.00x";
		}
		double better = figure.higherIsBetter() ? value / other : other / value;
		if (Double.isInfinite(better)) {
			return "inf";
		}
		return String.format(Locale.ROOT, (better >= 100) ? "%.0fx" : "%.2fx", better);
	}

	static @Nullable Figure find(List<Figure> figures, String scenario, String impl, String metric) {
		for (Figure figure : figures) {
			if (figure.scenario().equals(scenario) && figure.impl().equals(impl) && figure.metric().equals(metric)) {
				return figure;
			}
		}
		return null;
	}

	private static int implOrder(String impl) {
		int index = Timers.all().indexOf(impl);
		return (index < 0) ? Integer.MAX_VALUE : index;
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return "load average " + parts[0] + " " + parts[1] + " " + parts[2] + " at report time";
		}
		catch (IOException | RuntimeException ex) {
			return "load average unknown";
		}
	}

}
