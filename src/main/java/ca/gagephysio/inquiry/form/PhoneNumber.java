package ca.gagephysio.inquiry.form;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A phone number as people write it ({@code 905-555-0123}, {@code (905) 555 0123}, {@code +1 905.555.0123 ext. 4}):
 * digits with the usual separators, 10 to 15 digits before any extension. Absent is valid (see {@link EmailOrPhone}).
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PhoneNumber.Validator.class)
@interface PhoneNumber {

	String message() default "{inquiry.phone.invalid}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PhoneNumber, String> {

		private static final Pattern NOTATION = Pattern
			.compile("(\\+?[0-9(][0-9 ().\\-]*)(?:\\s*(?:ext\\.?|x)\\s*[0-9]{1,6})?", Pattern.CASE_INSENSITIVE);

		@Override
		public boolean isValid(String phone, ConstraintValidatorContext context) {
			if (phone == null) {
				return true;
			}
			Matcher matcher = NOTATION.matcher(phone);
			if (!matcher.matches()) {
				return false;
			}
			long digits = matcher.group(1).chars().filter(Character::isDigit).count();
			return digits >= 10 && digits <= 15;
		}

	}

}
