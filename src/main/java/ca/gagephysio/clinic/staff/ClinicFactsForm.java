package ca.gagephysio.clinic.staff;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ca.gagephysio.clinic.ClinicFacts.DayHours;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicProperties.Address;
import ca.gagephysio.clinic.ClinicProperties.Geo;
import ca.gagephysio.shared.PhoneNumbers;

/**
 * What the clinic-facts page posts; never bound to the stored row. Numbers, times and addresses are kept as typed
 * (strings), so a mangled value comes back beside its field with what was typed, never as a binding error.
 *
 * @param version the version of the saved facts the editor started from; empty while the defaults are in force
 * @param name the clinic's public name, up to 200 characters
 * @param phone a number libphonenumber reads as possible in the clinic's country ({@link PhoneNumbers})
 * @param email the public contact email, optional
 * @param street street address, up to 200 characters
 * @param city up to 100 characters
 * @param province a Canadian province or territory, by its two-letter Canada Post code
 * @param postalCode a Canadian postal code, {@code A1A 1A1} (Canada Post: no D, F, I, O, Q or U; no W or Z first)
 * @param latitude WGS 84, decimal degrees from -90 to 90
 * @param longitude WGS 84, decimal degrees from -180 to 180
 * @param days Monday to Sunday: open or closed, and if open from when to when ({@code HH:mm}, clinic time, closing
 * after opening on the same day)
 * @param closedOnStatutoryHolidays whether the clinic closes on Ontario's statutory holidays
 * @param baseUrl the absolute http(s) address the public site is served from
 * @param bookingUrl an absolute http(s) address of an online booking page, optional; typed without a scheme it is
 * completed with {@code https://}
 * @param acceptingNewClients whether the public pages show "Now booking new clients"
 */
record ClinicFactsForm(@Pattern(regexp = "[0-9]{0,18}", message = "{settings.version.invalid}") String version,
		@NotBlank(message = "{settings.name.required}") @Size(max = 200, message = "{settings.name.too-long}") String name,
		@NotBlank(message = "{settings.phone.required}") @ClinicFactsForm.PossiblePhone String phone,
		@Email(message = "{settings.email.invalid}") @Size(max = 254, message = "{settings.email.invalid}") String email,
		@NotBlank(message = "{settings.street.required}") @Size(max = 200,
				message = "{settings.street.too-long}") String street,
		@NotBlank(message = "{settings.city.required}") @Size(max = 100, message = "{settings.city.too-long}") String city,
		@NotBlank(message = "{settings.province.required}") @Pattern(regexp = PROVINCES,
				message = "{settings.province.invalid}") String province,
		@NotBlank(message = "{settings.postal-code.required}") @Pattern(regexp = POSTAL_CODE,
				message = "{settings.postal-code.invalid}") String postalCode,
		@NotBlank(message = "{settings.latitude.required}") @ClinicFactsForm.Degrees(max = 90,
				message = "{settings.latitude.invalid}") String latitude,
		@NotBlank(message = "{settings.longitude.required}") @ClinicFactsForm.Degrees(max = 180,
				message = "{settings.longitude.invalid}") String longitude,
		@NotNull(message = "{settings.hours.days}") @Size(min = 7, max = 7,
				message = "{settings.hours.days}") @Valid List<Day> days, Boolean closedOnStatutoryHolidays,
		@NotBlank(message = "{settings.base-url.required}") @ClinicFactsForm.HttpUrl(
				message = "{settings.base-url.invalid}") String baseUrl,
		@ClinicFactsForm.HttpUrl(message = "{settings.booking-url.invalid}") String bookingUrl,
		Boolean acceptingNewClients) {

	/** Canada Post's two-letter codes of the provinces and territories. */
	static final List<String> PROVINCE_CODES = List.of("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC",
			"SK", "YT");

	static final String PROVINCES = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT";

	/** Canada Post's format, upper or lower case, with or without the space. */
	static final String POSTAL_CODE = "(?i)\\s*[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?"
			+ "[0-9][ABCEGHJ-NPRSTV-Z][0-9]\\s*";

	/** The days "copy to the other weekdays" copies between: Monday to Friday. */
	static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

	/**
	 * A booking link typed as people say it ({@code janeapp.com/gage}, {@code www.example.ca/book}) gets the
	 * {@code https://} it stands for before it is checked, so it is completed rather than refused; one that already
	 * names a scheme is left as typed (and {@code ftp:} or {@code mailto:} is refused by {@link HttpUrl}).
	 */
	ClinicFactsForm {
		bookingUrl = withScheme(bookingUrl);
	}

	/**
	 * {@code https://} before a link without a scheme (RFC 3986: a scheme is letters, digits, {@code + - .} and a
	 * colon before any slash, where {@code host:8443} is a port, not a scheme); {@code //host/path} gets
	 * {@code https:}. Blank stays blank.
	 */
	static String withScheme(String link) {
		if (link == null || link.isBlank()) {
			return link;
		}
		String text = link.strip();
		if (text.startsWith("//")) {
			return "https:" + text;
		}
		if (text.matches("(?i)[a-z][a-z0-9+.-]*:(?![0-9]).*")) {
			return text;
		}
		return "https://" + text;
	}

	/**
	 * The same form with one weekday's hours (open or not, opening and closing time, as typed) on every other
	 * weekday, Monday to Friday; the weekend as it was. A day that is not a weekday copies nothing.
	 */
	ClinicFactsForm withHoursCopiedFrom(String weekday) {
		if (days == null || !WEEKDAYS.contains(weekday)) {
			return this;
		}
		Day source = days.stream().filter(day -> weekday.equals(day.day())).findFirst().orElse(null);
		if (source == null) {
			return this;
		}
		List<Day> copied = days.stream()
			.map(day -> WEEKDAYS.contains(day.day()) ? new Day(day.day(), source.isOpen(), source.opens(),
					source.closes()) : day)
			.toList();
		return new ClinicFactsForm(version, name, phone, email, street, city, province, postalCode, latitude,
				longitude, copied, closedOnStatutoryHolidays, baseUrl, bookingUrl, acceptingNewClients);
	}

	/** The form filled with the facts in force now. */
	static ClinicFactsForm of(ClinicFacts clinic) {
		Facts facts = clinic.facts();
		List<Day> days = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			DayHours hours = facts.week().get(day);
			days.add(new Day(day.name(), hours != null, hours == null ? "" : hours.opens().toString(),
					hours == null ? "" : hours.closes().toString()));
		}
		return new ClinicFactsForm(clinic.version() == null ? "" : clinic.version().toString(), facts.name(),
				facts.phone(), facts.email() == null ? "" : facts.email(), facts.address().street(),
				facts.address().city(), facts.address().region(), facts.address().postalCode(),
				degrees(facts.geo().latitude()), degrees(facts.geo().longitude()), days,
				facts.closedOnStatutoryHolidays(), facts.baseUrl().toString(),
				facts.bookingUrl() == null ? "" : facts.bookingUrl().toString(), facts.acceptingNewClients());
	}

	/** As typed, never in exponent form ({@code 1.0E-4}), which the form would refuse. */
	private static String degrees(double value) {
		return BigDecimal.valueOf(value).toPlainString();
	}

	/** The version to save against, or {@code null} for the first save. */
	Long expectedVersion() {
		return version == null || version.isBlank() ? null : Long.valueOf(version.strip());
	}

	/** The facts typed, once valid; the postal code as Canada Post writes it ({@code L8A 0A0}). */
	Facts facts(String country) {
		Map<DayOfWeek, DayHours> week = new EnumMap<>(DayOfWeek.class);
		for (Day day : days == null ? List.<Day>of() : days) {
			if (day.isOpen()) {
				week.put(DayOfWeek.valueOf(day.day()), new DayHours(day.opensAt(), day.closesAt()));
			}
		}
		String postal = postalCode.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
		return new Facts(name.strip(), URI.create(baseUrl.strip()), phone.strip(),
				email == null || email.isBlank() ? null : email.strip(),
				new Address(street.strip(), city.strip(), province, postal.substring(0, 3) + " " + postal.substring(3),
						country),
				new Geo(Double.parseDouble(latitude.strip()), Double.parseDouble(longitude.strip())), week,
				Boolean.TRUE.equals(closedOnStatutoryHolidays),
				bookingUrl == null || bookingUrl.isBlank() ? null : URI.create(bookingUrl.strip()),
				Boolean.TRUE.equals(acceptingNewClients));
	}

	/**
	 * One day of the week.
	 *
	 * @param day its name, {@code MONDAY} to {@code SUNDAY}
	 * @param open whether the clinic opens that day; an unticked box binds {@code false}
	 * @param opens when, {@code HH:mm}
	 * @param closes when, {@code HH:mm}, after {@code opens}
	 */
	@Day.Hours
	record Day(@Pattern(regexp = "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY") String day, Boolean open,
			String opens, String closes) {

		boolean isOpen() {
			return Boolean.TRUE.equals(open);
		}

		LocalTime opensAt() {
			return time(opens);
		}

		LocalTime closesAt() {
			return time(closes);
		}

		/** {@code HH:mm} (what a time input sends) or {@code H:mm}; {@code null} if neither. */
		static LocalTime time(String text) {
			if (text == null || !text.strip().matches("([01]?[0-9]|2[0-3]):[0-5][0-9]")) {
				return null;
			}
			try {
				return LocalTime.parse(text.strip().length() == 4 ? "0" + text.strip() : text.strip());
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

		/** An open day has an opening and a closing time, and closes after it opens. */
		@Documented
		@Target(ElementType.TYPE)
		@Retention(RetentionPolicy.RUNTIME)
		@Constraint(validatedBy = Hours.Validator.class)
		@interface Hours {

			String message() default "{settings.hours.closes-after-opens}";

			Class<?>[] groups() default {};

			Class<? extends Payload>[] payload() default {};

			class Validator implements ConstraintValidator<Hours, Day> {

				@Override
				public boolean isValid(Day day, ConstraintValidatorContext context) {
					if (day == null || !day.isOpen()) {
						return true;
					}
					context.disableDefaultConstraintViolation();
					boolean valid = true;
					if (day.opensAt() == null) {
						context.buildConstraintViolationWithTemplate("{settings.hours.opens.invalid}")
							.addPropertyNode("opens")
							.addConstraintViolation();
						valid = false;
					}
					if (day.closesAt() == null) {
						context.buildConstraintViolationWithTemplate("{settings.hours.closes.invalid}")
							.addPropertyNode("closes")
							.addConstraintViolation();
						valid = false;
					}
					if (valid && !day.closesAt().isAfter(day.opensAt())) {
						context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
							.addPropertyNode("closes")
							.addConstraintViolation();
						valid = false;
					}
					return valid;
				}

			}

		}

	}

	/** A phone number libphonenumber reads as possible in the clinic's country; blank is left to {@code @NotBlank}. */
	@Documented
	@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = PossiblePhone.Validator.class)
	@interface PossiblePhone {

		String message() default "{settings.phone.invalid}";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		/** Created by Spring's constraint validator factory, which passes it the clinic's phone numbers. */
		class Validator implements ConstraintValidator<PossiblePhone, String> {

			private final PhoneNumbers phones;

			Validator(PhoneNumbers phones) {
				this.phones = phones;
			}

			@Override
			public boolean isValid(String phone, ConstraintValidatorContext context) {
				return phone == null || phone.isBlank() || phones.check(phone) == PhoneNumbers.Verdict.POSSIBLE;
			}

		}

	}

	/** An absolute {@code http} or {@code https} URL with a host (RFC 3986); blank is valid. */
	@Documented
	@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = HttpUrl.Validator.class)
	@interface HttpUrl {

		String message();

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Validator implements ConstraintValidator<HttpUrl, String> {

			@Override
			public boolean isValid(String text, ConstraintValidatorContext context) {
				if (text == null || text.isBlank()) {
					return true;
				}
				if (text.strip().length() > 500) {
					return false;
				}
				try {
					URI uri = new URI(text.strip());
					String scheme = uri.getScheme();
					return uri.isAbsolute() && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
							&& uri.getHost() != null && !uri.getHost().isBlank() && uri.getRawUserInfo() == null;
				}
				catch (URISyntaxException ex) {
					return false;
				}
			}

		}

	}

	/** Decimal degrees from {@code -max} to {@code max}; blank is left to {@code @NotBlank}. */
	@Documented
	@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = Degrees.Validator.class)
	@interface Degrees {

		int max();

		String message();

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Validator implements ConstraintValidator<Degrees, String> {

			private int max;

			@Override
			public void initialize(Degrees annotation) {
				max = annotation.max();
			}

			@Override
			public boolean isValid(String text, ConstraintValidatorContext context) {
				if (text == null || text.isBlank()) {
					return true;
				}
				if (!text.strip().matches("[-+]?[0-9]{1,3}(\\.[0-9]{1,15})?")) {
					return false;
				}
				double degrees = Double.parseDouble(text.strip());
				return degrees >= -max && degrees <= max;
			}

		}

	}

}
