package dev.reactortime.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Where a harness main writes its figures: one {@code RESULT scenario=.. impl=.. metric=.. value=..} line each in
 * {@code <dir>/<scenario>-<impl>.txt}, the format the report reads back and prints.
 */
final class RawResults {

	private final Path file;

	private final String scenario;

	private final String impl;

	RawResults(Path dir, String scenario, String impl) {
		this.scenario = scenario;
		this.impl = impl;
		try {
			Files.createDirectories(dir);
			this.file = dir.resolve(scenario + "-" + impl + ".txt");
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void put(String metric, double value) {
		String line = String.format(Locale.ROOT, "RESULT scenario=%s impl=%s metric=%s value=%s%n", this.scenario,
				this.impl, metric, format(value));
		System.out.print("  " + line);
		try {
			Files.writeString(this.file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String format(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return String.format(Locale.ROOT, "%.4g", value);
	}

}
