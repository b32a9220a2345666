package dev.reactortime.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo, under {@code demo.*}.
 *
 * @param failInTheEnd whether the seed's loop fails after its third tick instead of stopping (the seed's
 * {@code failInTheEnd} switch): its failure is printed instead of {@code Loop done.}
 * @param style how the examples that have an annotation form are written: with the injected {@code Reactor}
 * ({@code reactor}) or with {@code @CallLater} and {@code @Looping} ({@code annotations})
 */
@ConfigurationProperties("demo")
public record DemoProperties(@DefaultValue("false") boolean failInTheEnd, @DefaultValue("reactor") Style style) {

	/**
	 * Property that selects the {@link Style}; read by the conditions on the example beans.
	 */
	public static final String STYLE = "demo.style";

	/**
	 * How the examples are written.
	 */
	public enum Style {

		/** With the injected {@code Reactor}, line by line as in the seed's Python. */
		REACTOR,

		/** With {@code @CallLater} and {@code @Looping} where the example has an annotation form. */
		ANNOTATIONS

	}

}
