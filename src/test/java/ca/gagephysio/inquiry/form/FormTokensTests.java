package ca.gagephysio.inquiry.form;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class FormTokensTests {

	private static final Instant NOW = Instant.parse("2026-05-04T14:00:00Z");

	private final FormTokens tokens = tokensSignedWith("one secret");

	@Test
	void acceptsATokenOfAFormShownAFewSecondsAgo() {
		FormTokens.Check check = tokens.check(tokens.issue(NOW.minusSeconds(10)));

		assertThat(check.verdict()).isEqualTo(FormTokens.Verdict.GOOD);
		assertThat(check.id()).hasSize(22);
		assertThat(check.reusable()).isTrue();
	}

	@Test
	void givesEachFormItsOwnId() {
		assertThat(tokens.check(tokens.issue(NOW.minusSeconds(10))).id())
			.isNotEqualTo(tokens.check(tokens.issue(NOW.minusSeconds(10))).id());
	}

	@Test
	void findsAPostFasterThanAPersonCanType() {
		assertThat(tokens.check(tokens.issue(NOW.minusMillis(2_900))).verdict()).isEqualTo(FormTokens.Verdict.TOO_FAST);
		assertThat(tokens.check(tokens.issue(NOW.plusSeconds(30))).verdict()).isEqualTo(FormTokens.Verdict.TOO_FAST);
		assertThat(tokens.check(tokens.issue(NOW.minusSeconds(3))).verdict()).isEqualTo(FormTokens.Verdict.GOOD);
	}

	@Test
	void findsATokenPastItsLifetime() {
		FormTokens.Check check = tokens.check(tokens.issue(NOW.minus(Duration.ofHours(8)).minusSeconds(1)));

		assertThat(check.verdict()).isEqualTo(FormTokens.Verdict.EXPIRED);
		assertThat(check.id()).as("a genuine token keeps its id, so a repeat finds its inquiry").isNotNull();
		assertThat(check.reusable()).isFalse();
	}

	@Test
	void refusesATokenSignedWithAnotherKey() {
		String foreign = tokensSignedWith("another secret").issue(NOW.minusSeconds(10));

		assertThat(tokens.check(foreign)).isEqualTo(FormTokens.Check.forged());
	}

	@Test
	void refusesATokenWhoseTimeWasChanged() {
		String token = tokens.issue(NOW.minus(Duration.ofDays(1)));
		String[] parts = token.split("\\.");
		String younger = parts[0] + "." + NOW.minusSeconds(10).toEpochMilli() + "." + parts[2];

		assertThat(tokens.check(younger).verdict()).isEqualTo(FormTokens.Verdict.FORGED);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", ".", "..", "a.b.c", "abc.123.!!!", "abc.notanumber.AAAA", "a.1.2.3",
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.1.a" })
	void callsAnythingElseForgedWithoutThrowing(String token) {
		assertThat(tokens.check(token)).isEqualTo(FormTokens.Check.forged());
	}

	private static FormTokens tokensSignedWith(String secret) {
		InquiryFormProperties properties = new InquiryFormProperties(secret, Duration.ofHours(8), Duration.ofSeconds(3),
				Duration.ofDays(7), new InquiryFormProperties.RateLimit(10, Duration.ofMinutes(10)));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
		return new FormTokens(properties, new FormTokenKey(properties, null), beans.getBeanProvider(Clock.class));
	}

}
