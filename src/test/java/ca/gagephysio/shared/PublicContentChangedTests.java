package ca.gagephysio.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a feature may announce: a named kind of content, and either the public addresses of what changed or every
 * page. A mistake in building one fails where it is built, not later in the listener.
 */
class PublicContentChangedTests {

	@Test
	void aChangeAtSomeAddressesNamesThemOnceEach() {
		PublicContentChanged changed = PublicContentChanged.at("article", "/articles/a", "/articles/a", "/articles");

		assertThat(changed.paths()).containsExactlyInAnyOrder("/articles/a", "/articles");
		assertThat(changed.onEveryPage()).isFalse();
	}

	@Test
	void aChangeOnEveryPageNamesNoAddress() {
		PublicContentChanged changed = PublicContentChanged.everyPage("clinic facts");

		assertThat(changed.paths()).isEmpty();
		assertThat(changed.onEveryPage()).isTrue();
	}

	@Test
	void aChangeWithoutAKindAnAddressOffTheSiteOrNoAddressIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PublicContentChanged.everyPage(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> PublicContentChanged.at("article", "articles/a"));
		assertThatIllegalArgumentException().isThrownBy(() -> PublicContentChanged.at("article"));
	}

}
