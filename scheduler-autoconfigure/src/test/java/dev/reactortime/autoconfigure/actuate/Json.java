package dev.reactortime.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParserFactory;

/**
 * A parsed JSON value, read the way Jackson's {@code JsonNode} is ({@code path}, {@code get}, {@code asString}, ...):
 * Boot's own {@link JsonParserFactory} parses it, so the tests need neither Jackson 3 (Boot 4) nor Jackson 2 (Boot
 * 3.5). An absent member reads as a missing value: empty text, zero, false, no elements.
 */
public final class Json implements Iterable<Json> {

	private final @Nullable Object value;

	private Json(@Nullable Object value) {
		this.value = value;
	}

	/**
	 * Parses a JSON object or array.
	 * @param text the JSON
	 * @return its value; a missing value for blank text
	 */
	public static Json parse(String text) {
		if (text.isBlank()) {
			return new Json(null);
		}
		return new Json(text.strip().startsWith("[") ? JsonParserFactory.getJsonParser().parseList(text)
				: JsonParserFactory.getJsonParser().parseMap(text));
	}

	/**
	 * A member of an object.
	 * @param name the member's name
	 * @return its value, or a missing value
	 */
	public Json path(String name) {
		return new Json((this.value instanceof Map<?, ?> map) ? map.get(name) : null);
	}

	/**
	 * An element of an array.
	 * @param index the element's index
	 * @return its value, or a missing value
	 */
	public Json get(int index) {
		return new Json((this.value instanceof List<?> list && index >= 0 && index < list.size()) ? list.get(index)
				: null);
	}

	/**
	 * The names of an object's members, in the order of the text.
	 * @return the names; none for any other value
	 */
	public List<String> propertyNames() {
		List<String> names = new ArrayList<>();
		if (this.value instanceof Map<?, ?> map) {
			map.keySet().forEach((key) -> names.add(String.valueOf(key)));
		}
		return names;
	}

	public String asString() {
		return (this.value != null) ? String.valueOf(this.value) : "";
	}

	public int asInt() {
		return (this.value instanceof Number number) ? number.intValue() : 0;
	}

	public long asLong() {
		return (this.value instanceof Number number) ? number.longValue() : 0;
	}

	public boolean asBoolean() {
		return Boolean.TRUE.equals(this.value);
	}

	/**
	 * The elements of an array (none for any other value).
	 */
	@Override
	public Iterator<Json> iterator() {
		if (!(this.value instanceof List<?> list)) {
			return Collections.emptyIterator();
		}
		return list.stream().map(Json::new).iterator();
	}

	@Override
	public String toString() {
		return String.valueOf(this.value);
	}

}
