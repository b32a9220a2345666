package dev.reactortime.durable;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Tests only (see {@code src/test/resources/logging.properties}): one line per record, an exception as its class and
 * message instead of a stack trace. Many tests fail calls on purpose; a passing build should print no stack traces.
 * Tests that check a logged exception attach a handler of their own and see the whole record.
 */
public final class OneLineLogFormatter extends Formatter {

	@Override
	public String format(LogRecord record) {
		StringBuilder line = new StringBuilder();
		line.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ").append(formatMessage(record));
		for (Throwable error = record.getThrown(); error != null; error = error.getCause()) {
			line.append((error == record.getThrown()) ? " [" : "; caused by ").append(error);
			if (error.getCause() == null) {
				line.append(']');
			}
		}
		return line.append(System.lineSeparator()).toString();
	}

}
