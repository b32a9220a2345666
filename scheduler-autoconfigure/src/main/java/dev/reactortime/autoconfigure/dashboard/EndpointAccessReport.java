package dev.reactortime.autoconfigure.dashboard;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;

/**
 * What the dashboard may do with each endpoint it reads: {@code unavailable} (no such endpoint bean: not exposed, its
 * access {@code none}, or its module absent), {@code read-only} or {@code unrestricted}, as Spring Boot resolves the
 * endpoint's access ({@code management.endpoint.<id>.access}, capped by
 * {@code management.endpoints.access.max-permitted}).
 *
 * <p>The server tells the page rather than the page probing: the only probe of write access is a write, and a
 * {@code 405} tells the page nothing about why. Spring Security may still refuse a write that access allows; the page
 * then shows the {@code 401} or {@code 403}.
 */
final class EndpointAccessReport {

	/** The endpoints the page reads, in the order it shows them. */
	static final List<String> ENDPOINTS = List.of("loopingcalls", "delayedcalls", "durablecalls", "calllag");

	private final ListableBeanFactory beans;

	private final EndpointAccessResolver resolver;

	private volatile @Nullable Map<String, String> report;

	EndpointAccessReport(ListableBeanFactory beans, EndpointAccessResolver resolver) {
		this.beans = beans;
		this.resolver = resolver;
	}

	/**
	 * The access of each endpoint, worked out once (on the first page served, when every endpoint bean is defined).
	 * @return endpoint id to {@code unavailable}, {@code read-only} or {@code unrestricted}
	 */
	Map<String, String> access() {
		Map<String, String> known = this.report;
		if (known == null) {
			known = resolve();
			this.report = known;
		}
		return known;
	}

	private Map<String, String> resolve() {
		Set<String> present = presentEndpointIds();
		Map<String, String> access = new LinkedHashMap<>();
		for (String id : ENDPOINTS) {
			if (!present.contains(id)) {
				access.put(id, "unavailable");
				continue;
			}
			Access resolved = this.resolver.accessFor(EndpointId.of(id), Access.READ_ONLY);
			access.put(id, switch (resolved) {
				case UNRESTRICTED -> "unrestricted";
				case READ_ONLY -> "read-only";
				case NONE -> "unavailable";
			});
		}
		return access;
	}

	private Set<String> presentEndpointIds() {
		Set<String> ids = new HashSet<>();
		for (String name : this.beans.getBeanNamesForAnnotation(Endpoint.class)) {
			Endpoint endpoint = this.beans.findAnnotationOnBean(name, Endpoint.class);
			if (endpoint != null) {
				ids.add(endpoint.id());
			}
		}
		return ids;
	}

}
