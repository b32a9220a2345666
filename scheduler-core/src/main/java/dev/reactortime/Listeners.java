package dev.reactortime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The listeners of one reactor as one {@link ReactorListener}: an immutable array, replaced on change (listeners
 * are added at startup and read on every call). A listener that throws is logged and does not stop the others or
 * the call, whatever it throws short of a {@link VirtualMachineError}: an {@code Error} such as
 * {@code NoClassDefFoundError} from a listener's missing dependency must not end the reactor thread.
 *
 * <p>Each event has its own loop rather than one generic {@code forEach(Consumer)}: these run on every call, and a
 * capturing lambda per event is an allocation on the reactor's hot path.
 */
final class Listeners implements ReactorListener {

	static final Listeners NONE = new Listeners(new ReactorListener[0]);

	private static final System.Logger logger = System.getLogger(Reactor.class.getName());

	private final ReactorListener[] listeners;

	private Listeners(ReactorListener[] listeners) {
		this.listeners = listeners;
	}

	boolean isEmpty() {
		return this.listeners.length == 0;
	}

	Listeners with(ReactorListener listener) {
		ReactorListener[] copy = Arrays.copyOf(this.listeners, this.listeners.length + 1);
		copy[this.listeners.length] = listener;
		return new Listeners(copy);
	}

	Listeners without(ReactorListener listener) {
		return new Listeners(
				Arrays.stream(this.listeners).filter((candidate) -> candidate != listener).toArray(ReactorListener[]::new));
	}

	@Override
	public void scheduled(DelayedCall call) {
		for (ReactorListener listener : this.listeners) {
			try {
				listener.scheduled(call);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void started(DelayedCall call, long lagNanos) {
		for (ReactorListener listener : this.listeners) {
			try {
				listener.started(call, lagNanos);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void finished(DelayedCall call, long lagNanos, long durationNanos, @Nullable Throwable error) {
		for (ReactorListener listener : this.listeners) {
			try {
				listener.finished(call, lagNanos, durationNanos, error);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void cancelled(DelayedCall call) {
		for (ReactorListener listener : this.listeners) {
			try {
				listener.cancelled(call);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void skipped(LoopingCall loop, long intervals) {
		for (ReactorListener listener : this.listeners) {
			try {
				listener.skipped(loop, intervals);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void lockedOut(DelayedCall call, @Nullable Throwable error) {
		for (ReactorListener listener : this.listeners) {
			try {
				listener.lockedOut(call, error);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void blocked(DelayedCall call, Duration blockedFor, StackTraceElement[] stackTrace) {
		for (ReactorListener listener : this.listeners) {
			try {
				listener.blocked(call, blockedFor, stackTrace);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				failed(listener, ex);
			}
		}
	}

	private static void failed(ReactorListener listener, Throwable ex) {
		logger.log(Level.WARNING, "Reactor listener " + listener + " failed; ignored", ex);
	}

}
