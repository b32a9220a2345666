package dev.reactortime.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Just enough JSON to read JMH's {@code -rf json} output: objects become {@code Map}, arrays {@code List}, numbers
 * {@code Double} ({@code "NaN"} strings stay strings), no dependency.
 */
final class Json {

	private final String text;

	private int position;

	private Json(String text) {
		this.text = text;
	}

	static @Nullable Object parse(String text) {
		Json json = new Json(text);
		Object value = json.value();
		json.skipWhitespace();
		if (json.position != text.length()) {
			throw json.error("trailing characters");
		}
		return value;
	}

	private @Nullable Object value() {
		skipWhitespace();
		char c = peek();
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, @Nullable Object> object() {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return map;
		}
		while (true) {
			skipWhitespace();
			String key = string();
			skipWhitespace();
			expect(':');
			map.put(key, value());
			skipWhitespace();
			if (peek() == ',') {
				this.position++;
				continue;
			}
			expect('}');
			return map;
		}
	}

	private List<@Nullable Object> array() {
		List<@Nullable Object> list = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return list;
		}
		while (true) {
			list.add(value());
			skipWhitespace();
			if (peek() == ',') {
				this.position++;
				continue;
			}
			expect(']');
			return list;
		}
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (true) {
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char escaped = this.text.charAt(this.position++);
			switch (escaped) {
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				case 'r' -> out.append('\r');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'u' -> {
					out.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
					this.position += 4;
				}
				default -> out.append(escaped);
			}
		}
	}

	private Double number() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		if (start == this.position) {
			throw error("unexpected character");
		}
		return Double.valueOf(this.text.substring(start, this.position));
	}

	private @Nullable Object literal(String word, @Nullable Object value) {
		if (!this.text.startsWith(word, this.position)) {
			throw error("expected " + word);
		}
		this.position += word.length();
		return value;
	}

	private void expect(char c) {
		if (peek() != c) {
			throw error("expected '" + c + "'");
		}
		this.position++;
	}

	private char peek() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end");
		}
		return this.text.charAt(this.position);
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException("Bad JSON at " + this.position + ": " + message);
	}

}
