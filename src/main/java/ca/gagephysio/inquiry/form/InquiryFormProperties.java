package ca.gagephysio.inquiry.form;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the public inquiry form ({@code clinic.inquiry.*}).
 *
 * @param tokenSecret key that signs the form's one-time tokens; when blank, one is generated at first start and kept
 * in the database ({@link FormTokenKey}), so forms open across a restart or posted to another instance stay valid
 * @param tokenLifetime how long after it was shown a form is taken as it is (default 7 days: an evening's form sent
 * the next morning, a weekend, a phone that slept); a later post comes back as the form, with everything typed kept,
 * to be sent again with a new token. Used tokens are remembered this long, so each is taken once.
 * @param minimumFillTime a post sooner than this after the form was shown comes back as the form, to be sent again
 * (autofill and one tap can be that quick; a bot that posts at once stores nothing)
 * @param duplicateWindow a second inquiry from the same email or phone within this time is flagged as a possible
 * duplicate of the first
 * @param rateLimit how many posts one client address may make
 * @param tokenPreviousSecrets secrets {@code tokenSecret} replaced, comma-separated
 * ({@code CLINIC_INQUIRY_TOKEN_PREVIOUS_SECRETS}): tokens they signed are still taken, so a form open while the
 * secret changed is sent as it is; new tokens are signed with {@code tokenSecret} only. None by default; once
 * {@code tokenLifetime} has passed since the change, no token they signed is taken anyway and they can go.
 */
@Validated
@ConfigurationProperties("clinic.inquiry")
record InquiryFormProperties(String tokenSecret, @DefaultValue("7d") @NotNull Duration tokenLifetime,
		@DefaultValue("3s") @NotNull Duration minimumFillTime, @DefaultValue("7d") @NotNull Duration duplicateWindow,
		@DefaultValue @Valid RateLimit rateLimit, List<String> tokenPreviousSecrets) {

	@ConstructorBinding
	InquiryFormProperties {
		tokenPreviousSecrets = tokenPreviousSecrets == null ? List.of() : List.copyOf(tokenPreviousSecrets);
	}

	/** Settings without previous secrets: a clinic whose form secret was never changed. */
	InquiryFormProperties(String tokenSecret, Duration tokenLifetime, Duration minimumFillTime,
			Duration duplicateWindow, RateLimit rateLimit) {
		this(tokenSecret, tokenLifetime, minimumFillTime, duplicateWindow, rateLimit, List.of());
	}

	/**
	 * Posts of the form allowed per client address: {@code capacity} at once, refilled evenly over {@code period}.
	 */
	record RateLimit(@DefaultValue("10") @Min(1) int capacity, @DefaultValue("10m") @NotNull Duration period) {
	}

}
