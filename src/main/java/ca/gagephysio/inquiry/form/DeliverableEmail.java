package ca.gagephysio.inquiry.form;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import ca.gagephysio.shared.EmailAddresses;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An email address the clinic's mail server can be asked to deliver to: an internationalized domain
 * ({@code joerg@bücher.example}) is accepted and sent in its ASCII form, a local part with letters beyond ASCII
 * ({@code jörg@…}) is refused with its own message, because it would need SMTPUTF8 (RFC 6531), which the site does
 * not rely on (see {@link EmailAddresses}). The form comes back with what was typed, so the person can give
 * another address or a phone number. An absent value is valid: {@link EmailOrPhone} says whether one is needed.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DeliverableEmail.Validator.class)
@interface DeliverableEmail {

	String message() default "{inquiry.email.invalid}";

	/** The message when the part before the {@code @} has letters beyond ASCII. */
	String nonAsciiLocalPartMessage() default "{inquiry.email.non-ascii-local-part}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<DeliverableEmail, String> {

		private String nonAsciiLocalPartMessage;

		@Override
		public void initialize(DeliverableEmail annotation) {
			nonAsciiLocalPartMessage = annotation.nonAsciiLocalPartMessage();
		}

		@Override
		public boolean isValid(String email, ConstraintValidatorContext context) {
			if (email == null) {
				return true;
			}
			try {
				EmailAddresses.toAscii(email);
				return true;
			}
			catch (EmailAddresses.UnusableAddress unusable) {
				if (unusable.reason() == EmailAddresses.Reason.NON_ASCII_LOCAL_PART) {
					context.disableDefaultConstraintViolation();
					context.buildConstraintViolationWithTemplate(nonAsciiLocalPartMessage).addConstraintViolation();
				}
				return false;
			}
		}

	}

}
