package ca.gagephysio.inquiry.reply;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.reply.Placeholders.Placeholder;

/**
 * What each placeholder stands for in a reply to one inquiry: the person's first name and the reference from the
 * inquiry, everything else from the clinic's facts as they are now ({@link ClinicFacts}, never the database
 * directly). The booking link has no value while the clinic has none set.
 */
@Component
public class PlaceholderValues {

	private final ClinicFacts clinic;

	private final MessageSource messages;

	private final ClinicDates dates;

	PlaceholderValues(ClinicFacts clinic, MessageSource messages, ClinicDates dates) {
		this.clinic = clinic;
		this.messages = messages;
		this.dates = dates;
	}

	/**
	 * @param name the name the person gave (or {@code null} once erased)
	 * @param reference the inquiry's reference
	 * @return each placeholder that has a value, with it
	 */
	public Map<Placeholder, String> forInquiry(String name, String reference) {
		Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
		values.put(Placeholder.FIRST_NAME, Placeholders.firstNameOf(name));
		values.put(Placeholder.REFERENCE, reference);
		values.put(Placeholder.CLINIC_NAME, clinic.name());
		values.put(Placeholder.CLINIC_PHONE, clinic.phone());
		values.put(Placeholder.CLINIC_HOURS, hours());
		if (clinic.bookingUrl() != null && !clinic.bookingUrl().isBlank()) {
			values.put(Placeholder.BOOKING_LINK, clinic.bookingUrl().strip());
		}
		return values;
	}

	/** The opening hours on one line, in the clinic's words: "Monday – Thursday 8:00 a.m. to 7:00 p.m.; Friday …". */
	private String hours() {
		Locale locale = LocaleContextHolder.getLocale();
		String blocks = clinic.hours()
			.stream()
			.map(block -> messages.getMessage("reply.hours.block",
					new Object[] { block.dayRange(locale), dates.time(block.opens()), dates.time(block.closes()) },
					locale))
			.collect(Collectors.joining("; "));
		if (clinic.closedOnStatutoryHolidays()) {
			return messages.getMessage("reply.hours.with-holidays", new Object[] { blocks }, locale);
		}
		return blocks;
	}

}
