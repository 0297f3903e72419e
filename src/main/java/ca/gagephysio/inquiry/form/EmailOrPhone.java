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

/**
 * The clinic needs a way to reply: an inquiry must give an email address, a phone number or both. The error is
 * reported on the email field, the first of the two, so the error summary can link to it.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EmailOrPhone.Validator.class)
@interface EmailOrPhone {

	String message() default "{inquiry.contact.required}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<EmailOrPhone, InquiryForm> {

		@Override
		public boolean isValid(InquiryForm form, ConstraintValidatorContext context) {
			if (form == null || form.hasEmail() || form.hasPhone()) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
				.addPropertyNode("email")
				.addConstraintViolation();
			return false;
		}

	}

}
