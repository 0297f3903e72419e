package ca.gagephysio.staff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One module's rooms in the back office: the {@code /staff} paths its controllers serve, who may open them, and its
 * entries in the back-office menu. A module declares one as a bean beside its controllers; the back office's filter
 * chain collects every one, and a {@code /staff} path that no module declared is refused to everyone, administrators
 * included (fail closed). Every declared path also needs a completed second factor, as every back-office rule does.
 * <p>
 * Declare it from a {@code static} {@code @Bean} method: the declaration needs nothing injected, and a static method
 * keeps it independent of its configuration class, which Spring Modulith's module tests leave out when it sits in a
 * nested module (as the clinic facts' form does): an instance method there left a bean pointing at a factory that was
 * not in the context, and the module test could not start.
 * <p>
 * Where declarations overlap (an administrators' path inside a staff one, such as an article's {@code /publish}
 * inside {@code /staff/articles/**}), the administrators' rule wins, whichever module declared either: every
 * administrators' pattern is tried before any staff one.
 *
 * @param forStaff path patterns (Spring's {@code PathPattern} syntax, each starting with {@code /staff}) any signed-in
 * staff account may open, administrators included
 * @param forAdministrators path patterns only administrators may open
 * @param menu the module's menu entries; the menu shows each person only those they may open
 */
public record BackOfficePages(List<String> forStaff, List<String> forAdministrators, List<MenuEntry> menu) {

	/** Where every back-office path starts; a pattern elsewhere would never reach the back office's rules. */
	public static final String ROOT = "/staff";

	/**
	 * @throws IllegalArgumentException if a pattern or a menu entry's path does not start with {@value #ROOT}
	 */
	public BackOfficePages {
		forStaff = List.copyOf(forStaff);
		forAdministrators = List.copyOf(forAdministrators);
		menu = List.copyOf(menu);
		for (String pattern : concat(forStaff, forAdministrators)) {
			requireUnderRoot(pattern);
		}
		menu.forEach(entry -> requireUnderRoot(entry.path()));
	}

	/** Starts a module's declaration. */
	public static Builder declare() {
		return new Builder();
	}

	private static void requireUnderRoot(String path) {
		if (!path.equals(ROOT) && !path.startsWith(ROOT + "/")) {
			throw new IllegalArgumentException("A back-office path must start with " + ROOT + ": " + path);
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

	/**
	 * A link in the back-office menu.
	 *
	 * @param order where it stands: lower first (today's entries are 10 apart, inbox 10 to sign-in and security 120,
	 * so a new one fits between two)
	 * @param messageKey the message key of its label
	 * @param path the page it opens with a {@code GET}; shown only to those its module's rules let open it
	 */
	public record MenuEntry(int order, String messageKey, String path) {
	}

	/** Collects a module's declaration; see {@link BackOfficePages}. */
	public static final class Builder {

		private final List<String> forStaff = new ArrayList<>();

		private final List<String> forAdministrators = new ArrayList<>();

		private final List<MenuEntry> menu = new ArrayList<>();

		private Builder() {
		}

		/** Paths any signed-in staff account may open (administrators too). */
		public Builder forStaff(String... patterns) {
			forStaff.addAll(Arrays.asList(patterns));
			return this;
		}

		/** Paths only administrators may open. */
		public Builder forAdministrators(String... patterns) {
			forAdministrators.addAll(Arrays.asList(patterns));
			return this;
		}

		/** A menu link (see {@link MenuEntry}). */
		public Builder menuEntry(int order, String messageKey, String path) {
			menu.add(new MenuEntry(order, messageKey, path));
			return this;
		}

		public BackOfficePages build() {
			return new BackOfficePages(forStaff, forAdministrators, menu);
		}

	}

}
