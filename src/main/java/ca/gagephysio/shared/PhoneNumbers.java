package ca.gagephysio.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The one place the site reads phone numbers: the form's check, what is stored for search and duplicates, the
 * {@code tel:} links, the exports. It delegates to Google's libphonenumber (the library Android uses, kept up to date
 * with every country's numbering plan) and never guesses itself: a number written without a country code is read
 * as a number of the clinic's own country ({@code clinic.address.country}, an ISO 3166-1 alpha-2 code, {@code CA} by
 * default), one written with {@code +} and a country code, or with the international call prefix of that country
 * ({@code 011} in North America), as that country's.
 * <p>
 * Numbers are read leniently, as people write them: spaces, dots, dashes, brackets, a {@code (0)} national prefix,
 * and an extension ({@code ext. 12}, {@code x12}, {@code #12}). What is kept is only what libphonenumber calls a
 * <em>possible</em> number: a known country code and a length that country's numbers can have. Possible is not the
 * same as in service: the fictional 555-01xx numbers used in examples are possible, and that is all a form can
 * check without calling.
 * <p>
 * The bean every feature gets reads numbers in the clinic's country; the {@code clinic} module declares it
 * ({@code ClinicPhoneNumbers}), as that country is one of the clinic's facts.
 */
public final class PhoneNumbers {

	private static final PhoneNumberUtil LIBRARY = PhoneNumberUtil.getInstance();

	private final String region;

	private PhoneNumbers(String region) {
		String code = region.strip().toUpperCase(Locale.ROOT);
		if (!LIBRARY.getSupportedRegions().contains(code)) {
			throw new IllegalArgumentException("Not a country libphonenumber knows (ISO 3166-1 alpha-2 expected): " + region);
		}
		this.region = code;
	}

	/**
	 * Numbers read in one country.
	 * @param region an ISO 3166-1 alpha-2 code such as {@code CA} or {@code GB}
	 * @throws IllegalArgumentException if libphonenumber has no numbering plan for it
	 */
	public static PhoneNumbers in(String region) {
		return new PhoneNumbers(region);
	}

	/** The number as written, if it is a possible number; otherwise empty (never an exception). */
	public Optional<Phone> parse(String typed) {
		if (check(typed) != Verdict.POSSIBLE) {
			return Optional.empty();
		}
		return Optional.of(new Phone(read(typed)));
	}

	/**
	 * Whether a typed number is one the clinic could call, and if not, why.
	 * @param typed the text as typed; {@code null} or blank is {@link Verdict#NOT_A_NUMBER}
	 */
	public Verdict check(String typed) {
		if (typed == null || !startsLikeANumber(typed)) {
			return Verdict.NOT_A_NUMBER;
		}
		PhoneNumber number;
		try {
			number = read(typed);
		}
		catch (IllegalArgumentException ex) {
			return ex.getCause() instanceof NumberParseException parse ? verdictOf(parse) : Verdict.NOT_A_NUMBER;
		}
		return switch (LIBRARY.isPossibleNumberWithReason(number)) {
			case IS_POSSIBLE -> Verdict.POSSIBLE;
			// Only dialable inside its own area code: the clinic could not know which.
			case IS_POSSIBLE_LOCAL_ONLY, TOO_SHORT -> Verdict.TOO_SHORT;
			case TOO_LONG -> Verdict.TOO_LONG;
			case INVALID_LENGTH -> Verdict.WRONG_LENGTH;
			case INVALID_COUNTRY_CODE -> Verdict.UNKNOWN_COUNTRY;
		};
	}

	/**
	 * Libphonenumber skips any leading text to find a number in it ("call me at 905…"). In a phone field that text
	 * would be shown to staff as the number, so a number must begin like one.
	 */
	private static boolean startsLikeANumber(String typed) {
		String text = typed.strip();
		return !text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '+' || text.charAt(0) == '(');
	}

	private PhoneNumber read(String typed) {
		try {
			return LIBRARY.parse(typed, region);
		}
		catch (NumberParseException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	private static Verdict verdictOf(NumberParseException ex) {
		return switch (ex.getErrorType()) {
			case INVALID_COUNTRY_CODE -> Verdict.UNKNOWN_COUNTRY;
			case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> Verdict.TOO_SHORT;
			case TOO_LONG -> Verdict.TOO_LONG;
			case NOT_A_NUMBER -> Verdict.NOT_A_NUMBER;
		};
	}

	/** What libphonenumber made of a typed number. */
	public enum Verdict {

		/** A number the clinic can dial. */
		POSSIBLE,
		/** Too few digits for its country, or only a local number without its area code. */
		TOO_SHORT,
		/** Too many digits for its country. */
		TOO_LONG,
		/** Between the lengths its country uses, but not one of them. */
		WRONG_LENGTH,
		/** Begins with {@code +} (or an international prefix) and a code no country has. */
		UNKNOWN_COUNTRY,
		/** Not a phone number at all. */
		NOT_A_NUMBER

	}

	/** A possible phone number, with the forms the site needs of it. */
	public static final class Phone {

		private final PhoneNumber number;

		private Phone(PhoneNumber number) {
			this.number = number;
		}

		/** ITU-T E.164, e.g. {@code +442079460958}: one spelling per number, for storage and comparison. */
		public String e164() {
			return LIBRARY.format(number, PhoneNumberFormat.E164);
		}

		/** The extension's digits, or {@code null}. */
		public String extension() {
			return number.hasExtension() && !number.getExtension().isEmpty() ? number.getExtension() : null;
		}

		/**
		 * The number that reaches this person: E.164 and, if they gave one, the extension as in RFC 3966
		 * ({@code +19055550142;ext=12}); at most 15 digits, the {@code +} and {@code ;ext=} with up to 20 digits
		 * (40 characters in all). Two people behind one office switchboard share the E.164 number but not this,
		 * so it is what decides that two inquiries came from the same person (duplicates, right of access).
		 */
		public String globalNumber() {
			String extension = extension();
			return e164() + (extension == null ? "" : ";ext=" + extension);
		}

		/**
		 * A link that dials it (RFC 3966, {@code tel:+19055550142;ext=12}): the global number with no visual
		 * separators, so every phone and softphone reads it the same, and the extension as its own parameter.
		 */
		public String telUri() {
			return "tel:" + globalNumber();
		}

		/** For people everywhere, e.g. {@code +1 905-555-0142 ext. 12} or {@code +44 20 7946 0958}. */
		public String international() {
			return LIBRARY.format(number, PhoneNumberFormat.INTERNATIONAL);
		}

		/**
		 * The digit strings a person may start typing when searching for this number, longest first: with the country
		 * code ({@code 19055550142}), without it ({@code 9055550142}), and without the area code ({@code 5550142})
		 * where the country has area codes.
		 */
		public List<String> searchDigits() {
			List<String> digits = new ArrayList<>();
			String national = LIBRARY.getNationalSignificantNumber(number);
			digits.add(number.getCountryCode() + national);
			digits.add(national);
			int areaCode = LIBRARY.getLengthOfGeographicalAreaCode(number);
			if (areaCode > 0 && areaCode < national.length()) {
				digits.add(national.substring(areaCode));
			}
			return digits;
		}

		@Override
		public String toString() {
			return telUri();
		}

	}

}
