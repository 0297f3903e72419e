package ca.gagephysio.inquiry.form;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
	void takesATokenOfAFormLeftOpenOvernightOrOverAWeekend() {
		assertThat(tokens.check(tokens.issue(NOW.minus(Duration.ofHours(9)))).verdict()).isEqualTo(FormTokens.Verdict.GOOD);
		assertThat(tokens.check(tokens.issue(NOW.minus(Duration.ofDays(3)))).verdict()).isEqualTo(FormTokens.Verdict.GOOD);
	}

	@Test
	void asksToSendAgainATokenPastItsLifetime() {
		FormTokens.Check check = tokens.check(tokens.issue(NOW.minus(Duration.ofDays(7)).minusSeconds(1)));

		assertThat(check.verdict()).isEqualTo(FormTokens.Verdict.EXPIRED);
		assertThat(check.verdict().asksToSendAgain()).isTrue();
		assertThat(check.verdict().spamReason).isNull();
		assertThat(check.id()).as("a genuine token keeps its id, so a repeat finds its inquiry").isNotNull();
		assertThat(check.reusable()).isFalse();
	}

	@Test
	void asksToSendAgainATokenSignedWithAnotherKey() {
		String foreign = tokensSignedWith("another secret").issue(NOW.minusSeconds(10));

		assertThat(tokens.check(foreign)).isEqualTo(FormTokens.Check.unverified());
		assertThat(tokens.check(foreign).verdict().asksToSendAgain()).isTrue();
	}

	@Test
	void callsOnlyAPostWithoutAnyTokenSpam() {
		assertThat(tokens.check(null).verdict()).isEqualTo(FormTokens.Verdict.MISSING);
		assertThat(tokens.check(" ").verdict()).isEqualTo(FormTokens.Verdict.MISSING);
		assertThat(FormTokens.Verdict.MISSING.spamReason).isEqualTo("forged-token");
		assertThat(FormTokens.Verdict.MISSING.asksToSendAgain()).isFalse();
		for (FormTokens.Verdict verdict : FormTokens.Verdict.values()) {
			assertThat(verdict.spamReason == null).as(verdict.name()).isNotEqualTo(verdict == FormTokens.Verdict.MISSING);
		}
	}

	@Test
	void aTokenForAFormThatComesBackFilledInCanBeSentAtOnce() {
		FormTokens.Check check = tokens.check(tokens.issueForFilledForm());

		assertThat(check.verdict()).isEqualTo(FormTokens.Verdict.GOOD);
	}

	@Test
	void refusesATokenWhoseTimeWasChanged() {
		String token = tokens.issue(NOW.minus(Duration.ofDays(1)));
		String[] parts = token.split("\\.");
		String younger = parts[0] + "." + NOW.minusSeconds(10).toEpochMilli() + "." + parts[2];

		assertThat(tokens.check(younger).verdict()).isEqualTo(FormTokens.Verdict.UNVERIFIED);
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", "..", "a.b.c", "abc.123.!!!", "abc.notanumber.AAAA", "a.1.2.3",
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.1.a" })
	void callsAnythingElseUnverifiedWithoutThrowing(String token) {
		assertThat(tokens.check(token)).isEqualTo(FormTokens.Check.unverified());
	}

	@Test
	void afterTheSecretChangesATokenSignedWithTheOneItReplacedIsTakenWhileThatIsListedAsPrevious() {
		String signedBefore = tokensSignedWith("the secret before").issue(NOW.minus(Duration.ofHours(2)));
		FormTokens afterTheChange = tokensSignedWith("the secret after", "an older one", "the secret before");

		FormTokens.Check check = afterTheChange.check(signedBefore);

		assertThat(check.verdict()).isEqualTo(FormTokens.Verdict.GOOD);
		assertThat(check.id()).as("its id, so it is used up like any other").isNotNull();
		assertThat(tokensSignedWith("the secret after").check(signedBefore).verdict())
			.as("once the previous secret is dropped").isEqualTo(FormTokens.Verdict.UNVERIFIED);
	}

	@Test
	void newTokensAreSignedWithTheCurrentSecretOnly() {
		String issued = tokensSignedWith("the secret after", "the secret before").issue(NOW.minusSeconds(10));

		assertThat(tokensSignedWith("the secret after").check(issued).verdict()).isEqualTo(FormTokens.Verdict.GOOD);
		assertThat(tokensSignedWith("the secret before").check(issued).verdict())
			.isEqualTo(FormTokens.Verdict.UNVERIFIED);
	}

	@Test
	void aPreviousSecretDoesNotMakeATokenPastItsLifetimeGood() {
		String old = tokensSignedWith("the secret before").issue(NOW.minus(Duration.ofDays(8)));

		assertThat(tokensSignedWith("the secret after", "the secret before").check(old).verdict())
			.isEqualTo(FormTokens.Verdict.EXPIRED);
	}

	private static FormTokens tokensSignedWith(String secret, String... previousSecrets) {
		InquiryFormProperties properties = new InquiryFormProperties(secret, Duration.ofDays(7), Duration.ofSeconds(3),
				Duration.ofDays(7), new InquiryFormProperties.RateLimit(10, Duration.ofMinutes(10)),
				java.util.List.of(previousSecrets));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
		return new FormTokens(properties, new FormTokenKey(properties, null), beans.getBeanProvider(Clock.class));
	}

}
