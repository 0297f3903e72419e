package ca.gagephysio.inquiry.form;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import ca.gagephysio.shared.PhoneNumbers;

/**
 * A phone number the clinic can call back, as people write it ({@code 905-555-0123}, {@code (905) 555 0123},
 * {@code +1 905.555.0123 ext. 4}, {@code +44 20 7946 0958}): what libphonenumber calls a possible number, read in the
 * clinic's country (see {@link PhoneNumbers}). Absent is valid (see {@link EmailOrPhone}). The message says what is
 * wrong: too short (or without its area code), too long, a length its country does not use, or an unknown country
 * code; {@link #message()} covers text that is not a number at all.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PhoneNumber.Validator.class)
@interface PhoneNumber {

	String message() default "{inquiry.phone.invalid}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Created by Spring's constraint validator factory, which passes it the clinic's phone numbers. */
	class Validator implements ConstraintValidator<PhoneNumber, String> {

		private final PhoneNumbers phones;

		Validator(PhoneNumbers phones) {
			this.phones = phones;
		}

		@Override
		public boolean isValid(String phone, ConstraintValidatorContext context) {
			if (phone == null) {
				return true;
			}
			String specific = switch (phones.check(phone)) {
				case POSSIBLE -> null;
				case TOO_SHORT, NOT_A_NUMBER -> context.getDefaultConstraintMessageTemplate();
				case TOO_LONG -> "{inquiry.phone.too-long}";
				case WRONG_LENGTH -> "{inquiry.phone.wrong-length}";
				case UNKNOWN_COUNTRY -> "{inquiry.phone.unknown-country}";
			};
			if (specific == null) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(specific).addConstraintViolation();
			return false;
		}

	}

}
