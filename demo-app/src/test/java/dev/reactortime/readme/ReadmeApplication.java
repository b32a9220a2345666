package dev.reactortime.readme;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application that the README's examples ({@link Greeter}, {@link Jobs}) live in, so that its test example
 * ({@link JobsTests}) runs as it is printed. It sits outside {@code dev.reactortime.demo}, so the demo's own tests
 * never see these beans.
 */
@SpringBootApplication
class ReadmeApplication {

	@Bean
	CountingExecutor ioPool() {
		return new CountingExecutor();
	}

	/**
	 * The executor that {@code Jobs.report()} names. It runs tasks inline, so that the virtual clock alone decides
	 * when they run, and counts them, so that a test can tell it was used.
	 */
	static class CountingExecutor implements Executor {

		private final AtomicInteger executed = new AtomicInteger();

		@Override
		public void execute(Runnable task) {
			this.executed.incrementAndGet();
			task.run();
		}

		int executed() {
			return this.executed.get();
		}

	}

}
