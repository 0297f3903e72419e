package ca.gagephysio.inquiry.form;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the public inquiry form ({@code clinic.inquiry.*}).
 *
 * @param tokenSecret key that signs the form's one-time tokens; when blank, one is generated at first start and kept
 * in the database ({@link FormTokenKey}), so forms open across a restart or posted to another instance stay valid
 * @param tokenLifetime how long a shown form can still be sent; a later post is stored as spam
 * @param minimumFillTime a post sooner than this after the form was shown is faster than a person types: spam
 * @param duplicateWindow a second inquiry from the same email or phone within this time is flagged as a possible
 * duplicate of the first
 * @param rateLimit how many posts one client address may make
 */
@Validated
@ConfigurationProperties("clinic.inquiry")
record InquiryFormProperties(String tokenSecret, @DefaultValue("8h") @NotNull Duration tokenLifetime,
		@DefaultValue("3s") @NotNull Duration minimumFillTime, @DefaultValue("7d") @NotNull Duration duplicateWindow,
		@DefaultValue @Valid RateLimit rateLimit) {

	/**
	 * Posts of the form allowed per client address: {@code capacity} at once, refilled evenly over {@code period}.
	 */
	record RateLimit(@DefaultValue("10") @Min(1) int capacity, @DefaultValue("10m") @NotNull Duration period) {
	}

}
