package dev.reactortime.autoconfigure;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;

import dev.reactortime.LoopingCall;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

/**
 * A {@link dev.reactortime.Schedule} on Spring's {@link CronExpression} in a time zone: what
 * {@code @Looping(cron = …, zone = …)} runs on, and what code can pass to {@link LoopingCall#start(dev.reactortime.Schedule)}.
 *
 * <p><b>Daylight saving</b>, where Spring's own scheduler is silent (spring-framework #28245): the expression is
 * matched against the local date-time, then
 * <ul>
 * <li>a local time that does not exist (in the gap of a spring-forward change, such as 02:30 in Berlin on the last
 * Sunday of March) runs once, at the end of the gap (03:00), never skipped, however many times of the gap match;</li>
 * <li>a local time that occurs twice (in the overlap of a fall-back change, 02:30 on the last Sunday of October) runs
 * once, at its first occurrence (the earlier offset).</li>
 * </ul>
 * So a daily job runs every day, once.
 *
 * <pre>{@code
 * loop.start(CronSchedule.of("0 30 2 * * *", ZoneId.of("Europe/Berlin")));
 * }</pre>
 */
public final class CronSchedule implements dev.reactortime.Schedule {

	private final CronExpression expression;

	private final String text;

	private final ZoneId zone;

	private CronSchedule(CronExpression expression, String text, ZoneId zone) {
		this.expression = expression;
		this.text = text;
		this.zone = zone;
	}

	/**
	 * A schedule for a cron expression in Spring's six-field format (or a macro such as {@code @daily}).
	 * @param expression the expression
	 * @param zone the zone its local times are read in
	 * @return the schedule
	 * @throws IllegalArgumentException if the expression is malformed
	 */
	public static CronSchedule of(String expression, ZoneId zone) {
		Objects.requireNonNull(expression, "expression must not be null");
		Objects.requireNonNull(zone, "zone must not be null");
		return new CronSchedule(CronExpression.parse(expression), expression, zone);
	}

	@Override
	public @Nullable Instant next(Instant after) {
		ZoneRules rules = this.zone.getRules();
		LocalDateTime local = LocalDateTime.ofInstant(after, this.zone);
		// Bounded: a local time can be passed over only when it resolves to an instant not after 'after' (an overlap
		// already run, or several times of one gap); a handful of steps, never a loop over the calendar.
		for (int i = 0; i < 10_000; i++) {
			LocalDateTime match = this.expression.next(local);
			if (match == null) {
				return null;
			}
			Instant instant = resolve(rules, match);
			if (instant.isAfter(after)) {
				return instant;
			}
			local = match;
		}
		return null;
	}

	private static Instant resolve(ZoneRules rules, LocalDateTime local) {
		List<ZoneOffset> offsets = rules.getValidOffsets(local);
		if (offsets.isEmpty()) {
			// In a gap: the end of the gap, the first instant when the clocks show a later time.
			ZoneOffsetTransition gap = Objects.requireNonNull(rules.getTransition(local));
			return gap.getInstant();
		}
		// In an overlap the earlier offset (the summer one) comes first; next() skips the repetition.
		return local.toInstant(offsets.get(0));
	}

	/**
	 * The expression as written.
	 * @return the expression
	 */
	public String expression() {
		return this.text;
	}

	/**
	 * The zone the expression's local times are read in.
	 * @return the zone
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * Describes the schedule for endpoints.
	 * @return {@code cron <expression> <zone>}
	 */
	@Override
	public String toString() {
		return "cron " + this.text + " " + this.zone;
	}

}
