package dev.reactortime.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AnnotationDurations}.
 */
class AnnotationDurationsTests {

	@Test
	void readsFractionalSecondsAsTwistedUsersWriteThem() {
		assertThat(AnnotationDurations.parse("3.5s")).isEqualTo(Duration.ofMillis(3500));
		assertThat(AnnotationDurations.parse(".25s")).isEqualTo(Duration.ofMillis(250));
		assertThat(AnnotationDurations.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
		assertThat(AnnotationDurations.parse("0.5ms")).isEqualTo(Duration.ofNanos(500_000));
	}

	@Test
	void readsWholeNumbersWithUnitsLikeSpringBoot() {
		assertThat(AnnotationDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(AnnotationDurations.parse("2h")).isEqualTo(Duration.ofHours(2));
		assertThat(AnnotationDurations.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
	}

	@Test
	void readsIso8601() {
		assertThat(AnnotationDurations.parse("PT1S")).isEqualTo(Duration.ofSeconds(1));
		assertThat(AnnotationDurations.parse("PT0.5S")).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void readsPlainNumbersAsMilliseconds() {
		assertThat(AnnotationDurations.parse("1500")).isEqualTo(Duration.ofMillis(1500));
		assertThat(AnnotationDurations.parse("2.5")).isEqualTo(Duration.ofNanos(2_500_000));
	}

	@Test
	void returnsNegativeDurationsForTheCallerToReject() {
		assertThat(AnnotationDurations.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
		assertThat(AnnotationDurations.parse("-0.5s")).isEqualTo(Duration.ofMillis(-500));
	}

	@Test
	void rejectsWhatIsNotADuration() {
		assertThatIllegalArgumentException().isThrownBy(() -> AnnotationDurations.parse("soon"));
		assertThatIllegalArgumentException().isThrownBy(() -> AnnotationDurations.parse("3.5 s"));
		assertThatIllegalArgumentException().isThrownBy(() -> AnnotationDurations.parse("1.5x"));
	}

	@Test
	void rejectsFractionsOfANanosecondRatherThanRoundingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> AnnotationDurations.parse("0.4ns"))
			.withMessageContaining("'0.4ns' is not a whole number of nanoseconds");
	}

}
