package dev.reactortime.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns JMH's JSON results into figures: {@code ScheduleCancelBenchmark} is scenario A, {@code RescheduleBenchmark}
 * B; the method ({@code inLoop}, {@code crossThread}) becomes the metric's suffix ({@code _loop}, {@code _cross}),
 * and {@code gc.alloc.rate.norm} of {@code -prof gc} the allocation figure.
 */
final class JmhResults {

	private JmhResults() {
	}

	static List<Figure> read(Path json) throws IOException {
		List<Figure> figures = new ArrayList<>();
		if (!Files.exists(json)) {
			return figures;
		}
		Object parsed = Json.parse(Files.readString(json));
		if (!(parsed instanceof List<?> runs)) {
			return figures;
		}
		for (Object run : runs) {
			if (!(run instanceof Map<?, ?> result)) {
				continue;
			}
			String benchmark = String.valueOf(result.get("benchmark"));
			String scenario = benchmark.contains("ScheduleCancel") ? "A"
					: benchmark.contains("Reschedule") ? "B" : null;
			if (scenario == null) {
				continue;
			}
			String suffix = benchmark.endsWith(".inLoop") ? "_loop" : "_cross";
			String operation = scenario.equals("A") ? "pair" : "reschedule";
			String impl = impl(result.get("params"));
			Double score = score(result.get("primaryMetric"));
			if (impl == null || score == null) {
				continue;
			}
			figures.add(new Figure(scenario, impl, "ns_per_" + operation + suffix, score));
			if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
				Double allocated = score(secondary.get("gc.alloc.rate.norm"));
				if (allocated != null) {
					figures.add(new Figure(scenario, impl, "alloc_bytes_per_" + operation + suffix, allocated));
				}
			}
		}
		return figures;
	}

	private static @Nullable String impl(@Nullable Object params) {
		if (params instanceof Map<?, ?> map) {
			Object impl = (map.get("impl") != null) ? map.get("impl") : map.get("loopImpl");
			return (impl != null) ? impl.toString() : null;
		}
		return null;
	}

	private static @Nullable Double score(@Nullable Object metric) {
		if (metric instanceof Map<?, ?> map && map.get("score") instanceof Double score && !score.isNaN()) {
			return score;
		}
		return null;
	}

}
