package dev.reactortime.benchmarks.report;

import java.util.Locale;

/**
 * One measured figure: {@code RESULT scenario=A impl=reactor metric=ns_per_pair_loop value=12.3}.
 * @param scenario A to F
 * @param impl the implementation
 * @param metric the metric's name
 * @param value the value
 */
record Figure(String scenario, String impl, String metric, double value) {

	/**
	 * Whether a larger value is better (throughputs); for every other metric smaller is better.
	 * @return {@code true} for throughputs
	 */
	boolean higherIsBetter() {
		return this.metric.contains("per_s") && !this.metric.startsWith("wakeups");
	}

	String resultLine() {
		return "RESULT scenario=" + this.scenario + " impl=" + this.impl + " metric=" + this.metric + " value="
				+ format(this.value);
	}

	static Figure parse(String line) {
		String scenario = null;
		String impl = null;
		String metric = null;
		Double value = null;
		for (String token : line.trim().split("\\s+")) {
			int eq = token.indexOf('=');
			if (eq < 0) {
				continue;
			}
			String key = token.substring(0, eq);
			String val = token.substring(eq + 1);
			switch (key) {
				case "scenario" -> scenario = val;
				case "impl" -> impl = val;
				case "metric" -> metric = val;
				case "value" -> value = Double.valueOf(val);
				default -> {
				}
			}
		}
		if (scenario == null || impl == null || metric == null || value == null) {
			throw new IllegalArgumentException("Not a RESULT line: " + line);
		}
		return new Figure(scenario, impl, metric, value);
	}

	static String format(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "NaN";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		double abs = Math.abs(value);
		if (abs >= 1e6) {
			return String.format(Locale.ROOT, "%.4g", value);
		}
		if (abs >= 100) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		if (abs >= 1) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3g", value);
	}

}
