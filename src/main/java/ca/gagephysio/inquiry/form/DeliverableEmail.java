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
 * ({@code joerg@bücher.example}) is accepted and sent in its ASCII form, and a local part with letters beyond ASCII
 * ({@code jörg@…}, RFC 6531) is accepted too: the outbox sends it with SMTPUTF8 when the mail server offers it and
 * shows staff that it could not be delivered when it does not (see {@link EmailAddresses#toSmtpUtf8}). A domain IDNA
 * cannot convert unambiguously is refused, with what was typed kept. An absent value is valid:
 * {@link EmailOrPhone} says whether one is needed.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DeliverableEmail.Validator.class)
@interface DeliverableEmail {

	String message() default "{inquiry.email.invalid}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<DeliverableEmail, String> {

		@Override
		public boolean isValid(String email, ConstraintValidatorContext context) {
			if (email == null) {
				return true;
			}
			try {
				EmailAddresses.toSmtpUtf8(email);
				return true;
			}
			catch (EmailAddresses.UnusableAddress unusable) {
				return false;
			}
		}

	}

}
