package dev.reactortime.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.reactortime.LoopingCall;
import dev.reactortime.Reactor;
import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.annotation.Looping;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Looping(cron = …, zone = …)} on virtual time, a whole year in Berlin: one run every day, the
 * spring-forward day included (at the end of the gap) and the fall-back day once.
 */
class CronLoopingYearTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactortimeAutoConfiguration.class))
		.withUserConfiguration(Year2026.class);

	@Test
	void aDailyLoopAt0230RunsOnEachOfTheYears365DaysOnce() {
		this.contextRunner.run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			Nightly nightly = context.getBean(Nightly.class);
			reactor.advance(Duration.ofDays(365));
			List<ZonedDateTime> runs = nightly.runs.stream().map((at) -> at.atZone(BERLIN)).toList();
			assertThat(runs).hasSize(365);
			Map<LocalDate, Long> perDay = runs.stream()
				.collect(Collectors.groupingBy(ZonedDateTime::toLocalDate, Collectors.counting()));
			assertThat(perDay).hasSize(365).allSatisfy((day, count) -> assertThat(count).isOne());
			Map<LocalDate, ZonedDateTime> byDay = runs.stream()
				.collect(Collectors.toMap(ZonedDateTime::toLocalDate, Function.identity()));
			// Spring forward: 02:30 does not exist; it runs when the gap ends, at 03:00 CEST.
			assertThat(byDay.get(LocalDate.of(2026, 3, 29)))
				.isEqualTo(ZonedDateTime.parse("2026-03-29T03:00+02:00[Europe/Berlin]"));
			// Fall back: 02:30 comes twice; it runs at the first, in summer time.
			assertThat(byDay.get(LocalDate.of(2026, 10, 25)))
				.isEqualTo(ZonedDateTime.parse("2026-10-25T02:30+02:00[Europe/Berlin]"));
			assertThat(runs).filteredOn((run) -> !run.toLocalDate().equals(LocalDate.of(2026, 3, 29)))
				.allSatisfy((run) -> assertThat(run.toLocalTime()).hasToString("02:30"));
			LoopingCall loop = context.getBean(Reactor.class).getLoopingCalls().get(0);
			assertThat(loop.name()).isEqualTo("nightly.report");
			assertThat(loop.stats().skipped()).isZero();
			assertThat(loop.schedule()).hasToString("cron 0 30 2 * * * Europe/Berlin");
		});
	}

	@Test
	void aCronLoopFollowsTheWallClockWhenItJumps() {
		this.contextRunner.run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			Nightly nightly = context.getBean(Nightly.class);
			reactor.jumpWallClock(Duration.ofHours(1)); // wall 01:00 UTC = 02:00 Berlin on 1 January
			reactor.advance(Duration.ofMinutes(29));
			assertThat(nightly.runs).isEmpty();
			reactor.advance(Duration.ofMinutes(1));
			assertThat(nightly.runs).containsExactly(Instant.parse("2026-01-01T01:30:00Z"));
		});
	}

	@Test
	void initialDelayHoldsTheFirstCronTimeBack() {
		this.contextRunner.withBean("delayed", Delayed.class).run((context) -> {
			VirtualTimeReactor reactor = context.getBean(VirtualTimeReactor.class);
			Delayed delayed = context.getBean(Delayed.class);
			reactor.advance(Duration.ofDays(3));
			// The delay of two days passes at 2026-01-03T00:00Z; the first 02:30 after it is that night's.
			assertThat(delayed.runs).containsExactly(Instant.parse("2026-01-03T01:30:00Z"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Year2026 {

		@Bean
		VirtualTimeReactor reactor() {
			return new VirtualTimeReactor(Instant.parse("2026-01-01T00:00:00Z"));
		}

		@Bean
		Nightly nightly(Reactor reactor) {
			return new Nightly(reactor);
		}

	}

	static class Nightly {

		final List<Instant> runs = new CopyOnWriteArrayList<>();

		private final Reactor reactor;

		Nightly(Reactor reactor) {
			this.reactor = reactor;
		}

		@Looping(cron = "0 30 2 * * *", zone = "Europe/Berlin", name = "nightly.report")
		void report() {
			this.runs.add(this.reactor.wallClock());
		}

	}

	static class Delayed {

		final List<Instant> runs = new CopyOnWriteArrayList<>();

		private final Reactor reactor;

		Delayed(Reactor reactor) {
			this.reactor = reactor;
		}

		@Looping(cron = "0 30 2 * * *", zone = "Europe/Berlin", initialDelay = "2d")
		void report() {
			this.runs.add(this.reactor.wallClock());
		}

	}

}
