package dev.reactortime;

/**
 * The contract suite on the real-time reactor: its own thread, inbox and parking, on a hand-moved ticker.
 */
class EventLoopReactorContractTests extends ReactorContractTests {

	@Override
	ReactorHarness createHarness() {
		return ReactorHarness.eventLoop();
	}

}
