package dev.reactortime.demo.seed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.reactortime.demo.DemoProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks an example written with the injected {@code Reactor} that has an annotation twin: the bean exists unless
 * {@code demo.style=annotations}, so the twins never both print.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = DemoProperties.STYLE, havingValue = "reactor", matchIfMissing = true)
public @interface ReactorStyle {

}
