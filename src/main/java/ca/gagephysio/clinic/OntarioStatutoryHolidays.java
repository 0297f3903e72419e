package ca.gagephysio.clinic;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.springframework.util.function.SingletonSupplier;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

import ca.gagephysio.clinic.ClinicFacts.Holiday;

/**
 * Ontario's statutory ("public") holidays by year, from Jollyday's Canadian calendar for the province {@code on},
 * keeping only its {@code PUBLIC_HOLIDAY}s: the nine days of the Employment Standards Act, 2000, s. 1(1). Each year
 * is computed once and kept (a few dozen bytes a year). Thread-safe.
 * <p>
 * Jollyday computes the dates; the names are the Act's ("Victoria Day", "Family Day", "Labour Day", "Thanksgiving
 * Day", "Christmas Day"), not Jollyday's English descriptions ("Queen Victoria's Birthday", "Family day", "Labour
 * day", "Christmas"): each comes from the message {@value #NAME_KEY}{@code <Jollyday's key>} in
 * {@code i18n/clinic.properties}, with Jollyday's description only for a holiday Jollyday adds that has no message.
 * <p>
 * Jollyday's calendar is read on the first question, not when the app starts: reading it builds a JAXB context and
 * parses Canada's holiday file (about 600 classes of JAXB and the JDK's XML parser, 0.27 s of the main thread in a
 * start without the class cache), and a clinic that does not close on statutory holidays (the default) never asks
 * (docs/performance.md, "Start-up, fifth pass").
 */
final class OntarioStatutoryHolidays {

	private static final String PROVINCE = "on";

	/** The start of each holiday's message key, followed by Jollyday's key, e.g. {@code VICTORIA_DAY}. */
	static final String NAME_KEY = "clinic.holiday.";

	private final SingletonSupplier<HolidayManager> manager = SingletonSupplier
		.of(() -> HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.CANADA)));

	private final Map<Integer, List<Holiday>> byYear = new ConcurrentHashMap<>();

	/** The name of a holiday from its message key and Jollyday's description (used when there is no message). */
	private final BiFunction<String, String, String> names;

	OntarioStatutoryHolidays(BiFunction<String, String, String> names) {
		this.names = names;
	}

	Optional<Holiday> on(LocalDate date) {
		return year(date.getYear()).stream().filter(holiday -> holiday.date().equals(date)).findFirst();
	}

	/** From {@code from} to {@code to}, both included, oldest first. */
	List<Holiday> between(LocalDate from, LocalDate to) {
		List<Holiday> found = new ArrayList<>();
		for (int year = from.getYear(); year <= to.getYear(); year++) {
			year(year).stream()
				.filter(holiday -> !holiday.date().isBefore(from) && !holiday.date().isAfter(to))
				.forEach(found::add);
		}
		return found;
	}

	private List<Holiday> year(int year) {
		return byYear.computeIfAbsent(year, key -> manager.obtain()
			.getHolidays(Year.of(key), HolidayType.PUBLIC_HOLIDAY, PROVINCE)
			.stream()
			// The day it is observed: Canada Day falling on a Sunday is observed on Monday July 2.
			.map(holiday -> new Holiday(holiday.getActualDate(),
					names.apply(NAME_KEY + holiday.getPropertiesKey(), holiday.getDescription(Locale.CANADA))))
			.sorted(Comparator.comparing(Holiday::date))
			.toList());
	}

}
