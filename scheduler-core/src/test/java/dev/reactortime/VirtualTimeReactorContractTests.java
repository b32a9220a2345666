package dev.reactortime;

/**
 * The contract suite on {@link VirtualTimeReactor}.
 */
class VirtualTimeReactorContractTests extends ReactorContractTests {

	@Override
	ReactorHarness createHarness() {
		return ReactorHarness.virtual();
	}

}
