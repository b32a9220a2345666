package dev.reactortime.autoconfigure.dashboard;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The dashboard's routes in a reactive (WebFlux) application, the same as {@link ServletDashboardRoutes}.
 */
final class ReactiveDashboardRoutes {

	private ReactiveDashboardRoutes() {
	}

	static RouterFunction<ServerResponse> of(DashboardPage page) {
		String path = page.path();
		return RouterFunctions.route()
			.GET(path, (request) -> html(page, request.requestPath().contextPath().value()))
			.GET(path + "/", (request) -> html(page, request.requestPath().contextPath().value()))
			.build();
	}

	private static Mono<ServerResponse> html(DashboardPage page, String contextPath) {
		return ServerResponse.ok()
			.contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
			.cacheControl(CacheControl.noStore())
			.bodyValue(page.index(contextPath));
	}

}
