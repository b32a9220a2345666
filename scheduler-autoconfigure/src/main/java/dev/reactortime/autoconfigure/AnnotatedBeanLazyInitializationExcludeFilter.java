package dev.reactortime.autoconfigure;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;

/**
 * Keeps beans with {@code @CallLater} or {@code @Looping} methods eager under
 * {@code spring.main.lazy-initialization=true}: a lazy bean that nothing asks for would never be created, so its
 * calls would silently never run (Spring Boot does the same for {@code @Scheduled}).
 */
final class AnnotatedBeanLazyInitializationExcludeFilter implements LazyInitializationExcludeFilter {

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	@Override
	public boolean isExcluded(String beanName, BeanDefinition beanDefinition, Class<?> beanType) {
		if (this.nonAnnotatedClasses.contains(beanType)) {
			return false;
		}
		boolean annotated = ReactortimeAnnotationBeanPostProcessor.hasAnnotatedMethods(beanType);
		if (!annotated) {
			this.nonAnnotatedClasses.add(beanType);
		}
		return annotated;
	}

}
