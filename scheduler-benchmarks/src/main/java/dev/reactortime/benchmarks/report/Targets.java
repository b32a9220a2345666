package dev.reactortime.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The targets of issue 14 (and those of issue 7 it keeps), checked against the measured figures: each line says
 * met or missed and by how much.
 * A target whose figures are missing says so rather than guessing.
 */
final class Targets {

	private static final String REACTOR = "reactor";

	private static final String PRECISE = "reactor-precise";

	private final List<Figure> figures;

	private final List<String> rows = new ArrayList<>();

	private Targets(List<Figure> figures) {
		this.figures = figures;
	}

	static String render(List<Figure> figures) {
		Targets targets = new Targets(figures);
		targets.check();
		StringBuilder md = new StringBuilder("## Targets (issue 14)\n\n| target | measured | status |\n|---|---|---|\n");
		for (String row : targets.rows) {
			md.append(row).append('\n');
		}
		return md.toString();
	}

	private void check() {
		timesBetterThanBest("A in-loop: schedule+cancel faster than every peer (in-loop)", "A", "ns_per_pair_loop", 1);
		timesBetter("A in-loop: schedule+cancel >= 5x STPE (in-loop)", "A", "ns_per_pair_loop", "stpe", 5);
		timesBetterThanBest("A cross-thread: schedule+cancel faster than every peer, fjp included", "A",
				"ns_per_pair_cross", 1);
		timesBetterThanBest("B in-loop: reschedule >= 3x the best peer (in-loop)", "B", "ns_per_reschedule_loop", 3);
		timesBetterThanBest("B cross-thread: reschedule >= 3x the best peer (cross-thread)", "B",
				"ns_per_reschedule_cross", 3);
		for (String size : new String[] { "10k", "100k", "1m" }) {
			String metric = "burst_" + size + "_fires_per_s";
			atLeast("C burst " + size + ": >= 10M fires/s", "C", REACTOR, metric, 10e6, "fires/s");
			timesBetter("C burst " + size + ": >= 3x STPE fires/s", "C", metric, "stpe", 3);
			timesBetter("C burst " + size + ": within 3x of hwt-1ms fires/s", "C", metric, "hwt-1ms", 1.0 / 3);
		}
		for (String impl : new String[] { REACTOR, PRECISE }) {
			double early = 0;
			boolean any = false;
			for (String rate : new String[] { "1k", "10k", "100k" }) {
				Figure figure = Report.find(this.figures, "D", impl, "r" + rate + "_early");
				if (figure != null) {
					early += figure.value();
					any = true;
				}
			}
			add("D " + impl + ": no early fire at any rate", any ? fmt(early) + " early" : null, any && early == 0);
		}
		for (String rate : new String[] { "10k", "100k" }) {
			String prefix = "D " + rate + "/s: ";
			timesBetter(prefix + "p50 no worse than STPE", "D", "r" + rate + "_p50_us", "stpe", 1);
			timesBetter(prefix + "p99 no worse than STPE", "D", "r" + rate + "_p99_us", "stpe", 1);
			timesBetter(prefix + "p99.9 <= 0.5x STPE", "D", "r" + rate + "_p999_us", "stpe", 2);
		}
		timesBetter("D 10k/s: p50 >= 5x better than HashedWheelTimer 1 ms", "D", "r10k_p50_us", "hwt-1ms", 5);
		for (String rate : new String[] { "10k", "100k" }) {
			String prefix = "D precise " + rate + "/s: ";
			atMost(prefix + "p50 <= 10 us", "D", PRECISE, "r" + rate + "_p50_us", 10, "us");
			atMost(prefix + "p99 <= 50 us", "D", PRECISE, "r" + rate + "_p99_us", 50, "us");
			noWorse(prefix + "p99.9 no worse than default mode's", "D", PRECISE, REACTOR, "r" + rate + "_p999_us");
		}
		atMost("E: <= 48 bytes per pending timer", "E", REACTOR, "bytes_per_pending", 48, "B");
		Figure recovered = Report.find(this.figures, "E", REACTOR, "after_cancel_recovered_ms");
		add("E: after cancelling all, heap within 5% of baseline within 1 s",
				(recovered == null) ? null
						: (recovered.value() < 0) ? "not within 1 s" : "after " + fmt(recovered.value()) + " ms",
				recovered != null && recovered.value() >= 0 && recovered.value() <= 1000);
		atMost("F: zero wake-ups per second idle", "F", REACTOR, "wakeups_per_s", 0, "/s");
		atMost("F precise: zero wake-ups per second idle", "F", PRECISE, "wakeups_per_s", 0, "/s");
	}

	private void noWorse(String target, String scenario, String impl, String other, String metric) {
		Figure ours = Report.find(this.figures, scenario, impl, metric);
		Figure theirs = Report.find(this.figures, scenario, other, metric);
		if (ours == null || theirs == null) {
			add(target, null, false);
			return;
		}
		double better = betterBy(ours, theirs);
		add(target, String.format(Locale.ROOT, "%s vs %s %s: %.2fx", fmt(ours.value()), other, fmt(theirs.value()),
				better), better >= 1);
	}

	private void timesBetter(String target, String scenario, String metric, String peer, double factor) {
		Figure ours = Report.find(this.figures, scenario, REACTOR, metric);
		Figure theirs = Report.find(this.figures, scenario, peer, metric);
		if (ours == null || theirs == null) {
			add(target, null, false);
			return;
		}
		double better = betterBy(ours, theirs);
		add(target, String.format(Locale.ROOT, "%s vs %s %s: %.2fx", fmt(ours.value()), peer, fmt(theirs.value()),
				better), better >= factor);
	}

	private void timesBetterThanBest(String target, String scenario, String metric, double factor) {
		Figure ours = Report.find(this.figures, scenario, REACTOR, metric);
		Figure best = null;
		for (Figure figure : this.figures) {
			if (figure.scenario().equals(scenario) && figure.metric().equals(metric) && !figure.impl().startsWith(REACTOR)
					&& (best == null || betterBy(figure, best) > 1)) {
				best = figure;
			}
		}
		if (ours == null || best == null) {
			add(target, null, false);
			return;
		}
		double better = betterBy(ours, best);
		add(target, String.format(Locale.ROOT, "%s vs best peer %s %s: %.2fx", fmt(ours.value()), best.impl(),
				fmt(best.value()), better), better >= factor);
	}

	private void atLeast(String target, String scenario, String impl, String metric, double bound, String unit) {
		Figure figure = Report.find(this.figures, scenario, impl, metric);
		add(target, (figure == null) ? null : fmt(figure.value()) + " " + unit + relative(figure.value(), bound),
				figure != null && figure.value() >= bound);
	}

	private void atMost(String target, String scenario, String impl, String metric, double bound, String unit) {
		Figure figure = Report.find(this.figures, scenario, impl, metric);
		add(target, (figure == null) ? null : fmt(figure.value()) + " " + unit + relative(figure.value(), bound),
				figure != null && figure.value() <= bound);
	}

	private static String relative(double value, double bound) {
		if (bound == 0) {
			return "";
		}
		return String.format(Locale.ROOT, " (%.2fx the bound)", value / bound);
	}

	private static double betterBy(Figure figure, Figure peer) {
		return figure.higherIsBetter() ? figure.value() / peer.value() : peer.value() / figure.value();
	}

	private void add(String target, @Nullable String measured, boolean met) {
		this.rows.add("| " + target + " | " + ((measured != null) ? measured : "not measured") + " | "
				+ ((measured == null) ? "-" : met ? "met" : "**missed**") + " |");
	}

	private static String fmt(double value) {
		return Figure.format(value);
	}

}
