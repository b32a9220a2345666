package dev.reactortime.demo.seed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.reactortime.demo.DemoProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks an example written with {@code @CallLater} or {@code @Looping}: the bean exists only with
 * {@code demo.style=annotations}, in place of its {@link ReactorStyle} twin.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = DemoProperties.STYLE, havingValue = "annotations")
public @interface AnnotationStyle {

}
