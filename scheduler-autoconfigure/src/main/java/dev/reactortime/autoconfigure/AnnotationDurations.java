package dev.reactortime.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;

/**
 * Parses the durations of {@code @CallLater} and {@code @Looping}: {@code 500ms}, {@code 3.5s}, ISO-8601
 * {@code PT1S} and plain milliseconds.
 *
 * <p>Spring Boot's {@link DurationStyle} reads whole numbers only, while Twisted users write
 * {@code callLater(3.5, f)}: decimals are read here, exactly (to the nanosecond, in {@link BigDecimal}), and
 * everything else is left to {@link DurationStyle}, so both notations mean what they mean in properties.
 */
final class AnnotationDurations {

	private static final Pattern DECIMAL = Pattern.compile("^([+-]?\\d*\\.\\d+)(ns|us|ms|s|m|h|d)?$");

	private static final Map<String, ChronoUnit> UNITS = Map.of("ns", ChronoUnit.NANOS, "us", ChronoUnit.MICROS,
			"ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d",
			ChronoUnit.DAYS);

	private AnnotationDurations() {
	}

	/**
	 * Parses a duration; a number without unit is in milliseconds.
	 * @param text the text, already trimmed and with placeholders resolved
	 * @return the duration (possibly negative: the caller decides what that means)
	 * @throws IllegalArgumentException if the text is not a duration
	 */
	static Duration parse(String text) {
		Matcher decimal = DECIMAL.matcher(text);
		if (decimal.matches()) {
			String unit = decimal.group(2);
			return parseDecimal(text, decimal.group(1), (unit != null) ? UNITS.get(unit) : ChronoUnit.MILLIS);
		}
		return DurationStyle.detectAndParse(text, ChronoUnit.MILLIS);
	}

	private static Duration parseDecimal(String text, String number, ChronoUnit unit) {
		BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(unit.getDuration().toNanos()));
		try {
			// Exact or nothing: rounding "0.4ns" to zero would turn a typo into a busy loop.
			return Duration.ofNanos(nanos.longValueExact());
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a whole number of nanoseconds or is too long", ex);
		}
	}

}
