package dev.reactortime.autoconfigure.dashboard;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard's routes in a servlet (Spring MVC) application: the page at the path, with or without a trailing
 * slash.
 */
final class ServletDashboardRoutes {

	private ServletDashboardRoutes() {
	}

	static RouterFunction<ServerResponse> of(DashboardPage page) {
		String path = page.path();
		return RouterFunctions.route()
			.GET(path, (request) -> html(page, request.requestPath().contextPath().value()))
			.GET(path + "/", (request) -> html(page, request.requestPath().contextPath().value()))
			.build();
	}

	// The page carries the endpoints' access, which may change with a restart: never cached.
	private static ServerResponse html(DashboardPage page, String contextPath) {
		return ServerResponse.ok()
			.contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
			.cacheControl(CacheControl.noStore())
			.body(page.index(contextPath));
	}

}
