package dev.reactortime.autoconfigure.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.reactortime.VirtualTimeReactor;
import dev.reactortime.autoconfigure.ReactortimeAutoConfiguration;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Puts the test's application context on virtual time: the context's {@code Reactor} is a
 * {@link VirtualTimeReactor} (inject it as either type), whose clock moves only when the test calls
 * {@code advance}, {@code pump} or {@code busy}, so timing is asserted exactly and without sleeping.
 *
 * <pre>{@code
 * @SpringBootTest
 * @VirtualReactorTime
 * class ReportTests {
 *     @Autowired VirtualTimeReactor reactor;
 *     @Autowired ReportJob job;               // @Looping(interval = "1m")
 *
 *     @Test
 *     void reportsEveryMinute() {
 *         reactor.advance(Duration.ofMinutes(3));
 *         assertThat(job.reports()).isEqualTo(4); // at 0, 1, 2 and 3 minutes
 *     }
 * }
 * }</pre>
 *
 * <p>It sets {@code reactortime.virtual-time=true} and imports {@link ReactortimeAutoConfiguration}, so it works in
 * test slices too, where auto-configuration is limited. Delays of {@code @CallLater} and the first call of
 * {@code @Looping} count from the reactor's time when the context started. A context cached across test classes
 * keeps its clock; annotate with {@code @DirtiesContext} where a test needs a fresh one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = "reactortime.virtual-time=true")
@ImportAutoConfiguration(ReactortimeAutoConfiguration.class)
public @interface VirtualReactorTime {

}
