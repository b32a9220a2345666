package dev.reactortime.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import dev.reactortime.LoopingCall;
import dev.reactortime.annotation.CallLater;
import dev.reactortime.annotation.Looping;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mistake in a {@code @CallLater} or {@code @Looping} method fails startup with a message that names
 * {@code bean#method}, the attribute or parameter, and the bad value: one test per rule.
 */
class AnnotatedMethodValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
				ReactortimeAutoConfiguration.class))
		.withPropertyValues("reactortime.virtual-time=true");

	@Test
	void unparseableDurationFailsStartup() {
		assertStartupFails(new Object() {
			@CallLater(delay = "soon")
			void run() {
			}
		}, "Invalid @CallLater method 'bad#run': attribute 'delay' value 'soon' is not a duration: "
				+ "use 3.5s, 500ms, ISO-8601 PT1S or plain milliseconds");
	}

	@Test
	void negativeDurationFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "-1s")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'interval' value '-1s' must not be negative");
	}

	@Test
	void zeroLoopingIntervalFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "0")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'interval' value '0' must not be zero: the method would run "
				+ "on every turn of the reactor and keep a core busy");
	}

	@Test
	void malformedCronFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(cron = "0 0 2 * *")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'cron' value '0 0 2 * *' is not a cron expression: ");
	}

	@Test
	void unknownZoneFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(cron = "0 0 2 * * *", zone = "Europe/Atlantis")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'zone' value 'Europe/Atlantis' is not a time zone: ");
	}

	@Test
	void bothIntervalAndCronFailStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s", cron = "0 0 2 * * *")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'cron' value '0 0 2 * * *' is given together with "
				+ "'interval' ('1s'): give exactly one of them");
	}

	@Test
	void neitherIntervalNorCronFailsStartup() {
		assertStartupFails(new Object() {
			@Looping
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': neither 'interval' nor 'cron' is given: give exactly one of them");
	}

	@Test
	void zoneWithoutCronFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s", zone = "UTC")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'zone' value 'UTC' applies to 'cron' only");
	}

	@Test
	void negativeInitialDelayFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s", initialDelay = "-10s")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'initialDelay' value '-10s' must not be negative");
	}

	@Test
	void zeroLoopingIntervalFromAPlaceholderFailsStartupShowingBothValues() {
		this.contextRunner.withPropertyValues("app.interval=0s")
			.withBean("bad", Object.class, () -> new Object() {
				@Looping(interval = "${app.interval}")
				void run() {
				}
			})
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("Invalid @Looping method 'bad#run': attribute 'interval' value "
						+ "'${app.interval}' (resolved to '0s') must not be zero"));
	}

	@Test
	void zeroCallLaterDelayIsAccepted() {
		this.contextRunner.withBean("good", Object.class, () -> new Object() {
			@CallLater(delay = "0")
			void run() {
			}
		}).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theFailureCarriesTheMethodTheAttributeTheValueAndWhatToDo() {
		this.contextRunner.withPropertyValues("app.interval=-250ms")
			.withBean("bad", Loop.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidAnnotatedMethodException.class, (ex) -> {
					assertThat(ex.getAnnotation()).isEqualTo("@Looping");
					assertThat(ex.getSource()).isEqualTo("bad#run");
					assertThat(ex.getMethod()).isEqualTo(Loop.class.getName() + ".run(int, dev.reactortime.LoopingCall)");
					assertThat(ex.getAttribute()).isEqualTo("interval");
					assertThat(ex.getValue()).isEqualTo("${app.interval}");
					assertThat(ex.getResolvedValue()).isEqualTo("-250ms");
					assertThat(ex.getReason()).isEqualTo("must not be negative");
					assertThat(ex.getAction()).isEqualTo("Give 'interval' a duration that is zero or more, such as 3.5s.");
				}));
	}

	@Test
	void aFailureOfTheMethodItselfNamesNoAttribute() {
		this.contextRunner.withBean("bad", PrivateLoop.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidAnnotatedMethodException.class, (ex) -> {
					assertThat(ex.getAttribute()).isNull();
					assertThat(ex.getValue()).isNull();
					assertThat(ex.getAction()).isEqualTo("Make the method package-private, protected or public.");
				}));
	}

	@Test
	void negativeDurationFromAPlaceholderFailsStartupShowingBothValues() {
		this.contextRunner.withPropertyValues("app.interval=-250ms")
			.withBean("bad", Object.class, () -> new Object() {
				@Looping(interval = "${app.interval}")
				void run() {
				}
			})
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Invalid @Looping method 'bad#run': attribute 'interval' value '${app.interval}' "
						+ "(resolved to '-250ms') must not be negative"));
	}

	@Test
	void unresolvablePlaceholderFailsStartup() {
		assertStartupFails(new Object() {
			@CallLater(delay = "${app.missing}")
			void run() {
			}
		}, "Invalid @CallLater method 'bad#run': attribute 'delay' value '${app.missing}' cannot be resolved: "
				+ "Could not resolve placeholder 'app.missing' in value \"${app.missing}\"");
	}

	@Test
	void emptyDurationFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = " ")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'interval' value ' ' is empty: "
				+ "give a duration such as 3.5s");
	}

	@Test
	void unsupportedLoopingParameterFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s")
			void run(String text) {
			}
		}, "Invalid @Looping method 'bad#run': parameter 0 of type java.lang.String is not supported: "
				+ "a @Looping method takes no parameters, an int or long (intervals passed since its last call) "
				+ "and/or the LoopingCall");
	}

	@Test
	void repeatedCountParameterFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s")
			void run(int count, long again) {
			}
		}, "Invalid @Looping method 'bad#run': parameter 1 of type long repeats the count: each may appear once");
	}

	@Test
	void callLaterWithParametersFailsStartup() {
		assertStartupFails(new Object() {
			@CallLater(delay = "1s")
			void run(int count) {
			}
		}, "Invalid @CallLater method 'bad#run': @CallLater methods take no parameters, but it takes [int]");
	}

	@Test
	void countParameterOnAnAsynchronousLoopFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s")
			CompletionStage<Void> run(int count) {
				return CompletableFuture.completedFuture(null);
			}
		}, "Invalid @Looping method 'bad#run': a method that returns a CompletionStage cannot take the count: "
				+ "asynchronous loops are not withCount loops; drop the int/long parameter");
	}

	@Test
	void timeoutOnAMethodThatReturnsNoStageFailsStartup() {
		assertStartupFails(new Object() {
			@CallLater(delay = "1s", timeout = "5s")
			void run() {
			}
		}, "Invalid @CallLater method 'bad#run': attribute 'timeout' value '5s' needs a method that returns a "
				+ "CompletionStage, but it returns void");
	}

	@Test
	void executorNamingAMissingBeanFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s", executor = "ioPool")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'executor' value 'ioPool' names no bean");
	}

	@Test
	void executorNamingABeanThatIsNoExecutorFailsStartup() {
		this.contextRunner.withBean("ioPool", String.class, () -> "not an executor")
			.withBean("bad", Object.class, () -> new Object() {
				@Looping(interval = "1s", executor = "ioPool")
				void run() {
				}
			})
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Invalid @Looping method 'bad#run': attribute 'executor' value 'ioPool' names a bean of "
						+ "type java.lang.String, which is not a java.util.concurrent.Executor"));
	}

	@Test
	void executorNamingAnExecutorBeanIsAccepted() {
		this.contextRunner.withBean("ioPool", Executor.class, () -> Runnable::run)
			.withBean("good", Object.class, () -> new Object() {
				@Looping(interval = "1s", executor = "ioPool")
				void run() {
				}
			})
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void duplicateNamesFailStartup() {
		this.contextRunner.withBean("first", Object.class, () -> new Object() {
			@Looping(interval = "1s", name = "sync")
			void run() {
			}
		}).withBean("second", Object.class, () -> new Object() {
			@CallLater(delay = "1s", name = "sync")
			void go() {
			}
		})
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Invalid @CallLater method 'second#go': name 'sync' is already used by 'first#run'; "
						+ "names must be unique (set the 'name' attribute of one of them)"));
	}

	@Test
	void overloadedMethodsWithTheSameDefaultNameFailStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s")
			void run() {
			}

			@Looping(interval = "2s")
			void run(int count) {
			}
		}, "name 'bad.run' is already used by 'bad#run'");
	}

	@Test
	void nameThatIsNotUrlSafeFailsStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s", name = "nightly report")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': attribute 'name' value 'nightly report' is not URL-safe: "
				+ "use letters, digits, '.', '-', '_' and '~' (endpoints address calls by name)");
	}

	@Test
	void staticMethodFailsStartup() {
		this.contextRunner.withBean("bad", StaticLoop.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Invalid @Looping method 'bad#run': static methods are not supported: a schedule belongs "
						+ "to a bean instance (and is ended with it); make the method an instance method"));
	}

	@Test
	void privateMethodFailsStartup() {
		this.contextRunner.withBean("bad", PrivateLoop.class)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Invalid @CallLater method 'bad#run': private methods are not supported: proxies (and so "
						+ "@Transactional and other advice) cannot reach them; make the method package-private, "
						+ "protected or public"));
	}

	@Test
	void bothAnnotationsOnOneMethodFailStartup() {
		assertStartupFails(new Object() {
			@Looping(interval = "1s")
			@CallLater(delay = "1s")
			void run() {
			}
		}, "Invalid @Looping method 'bad#run': a method may carry @CallLater or @Looping, not both");
	}

	private void assertStartupFails(Object bean, String message) {
		this.contextRunner.withBean("bad", Object.class, () -> bean).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(message);
		});
	}

	static class StaticLoop {

		@Looping(interval = "1s")
		static void run() {
		}

	}

	static class Loop {

		@Looping(interval = "${app.interval}")
		void run(int count, LoopingCall loop) {
		}

	}

	static class PrivateLoop {

		@CallLater(delay = "1s")
		private void run() {
		}

	}

}
