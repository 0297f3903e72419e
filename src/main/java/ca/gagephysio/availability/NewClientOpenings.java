package ca.gagephysio.availability;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.shared.PublicContentChanged;
import ca.gagephysio.site.cache.PageCache;
import ca.gagephysio.site.seo.NextOpenings;
import ca.gagephysio.team.Clinician;
import ca.gagephysio.team.Team;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The next openings for new clients, as the public pages show them, and their saving from the back office.
 * <p>
 * <b>What is shown.</b> An opening is shown from the moment it is saved until the end of its day (midnight in the
 * clinic's time zone, {@code clinic.time-zone}); never one on a day the clinic is closed by its weekly opening hours or
 * for a statutory holiday it closes on ({@link ClinicFacts#week()}, {@link ClinicFacts#isHoliday(LocalDate)}: an
 * opening saved before the clinic changed its hours stops showing then), never one with a clinician whose bio is not
 * public, and none at all while the form is the waiting list ({@link #waitingList()}: an opening would say the
 * opposite). The clinic-wide opening comes first, then each clinician's, soonest first.
 * <p>
 * <b>Going away by itself.</b> This is a {@link PageCache.ChangeSchedule}: the page cache asks it for the next end
 * of an opening's day and drops its pages on the first request at or after it, exactly, with no job to run (the
 * mechanism a scheduled article uses). A save or removal publishes {@link PublicContentChanged} on every page.
 * <p>
 * <b>In the structured data.</b> As {@link NextOpenings}, the same openings go into every page's JSON-LD, so they
 * follow the same rules and go away with the same pages.
 * <p>
 * Days are written as everywhere else on the site ({@link ClinicDates#weekdayDate}: {@code Tuesday, December 8,
 * 2026}), the sentence's words in the site's language, Canadian English ({@code en-CA}).
 */
@Service
@Transactional(readOnly = true)
public class NewClientOpenings implements PageCache.ChangeSchedule, NextOpenings {

	/** The site's language, as its pages declare it. */
	static final Locale SITE_LOCALE = Locale.forLanguageTag("en-CA");

	/** How far ahead an opening may be set: a year, beyond which "next opening" means nothing to a reader. */
	static final int MAX_DAYS_AHEAD = 366;

	/** What {@link PublicContentChanged} calls a change here. */
	static final String KIND = "new-client opening";

	private final NewClientOpeningRepository openings;

	private final ClinicFacts clinic;

	private final Team team;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ClinicDates dates;

	NewClientOpenings(NewClientOpeningRepository openings, ClinicFacts clinic, Team team, MessageSource messages,
			ApplicationEventPublisher events, ObjectProvider<Clock> clock, ClinicDates dates) {
		this.dates = dates;
		this.openings = openings;
		this.clinic = clinic;
		this.team = team;
		this.messages = messages;
		this.events = events;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** The openings to show now (clinic-wide first, then clinicians', soonest first); empty when there is none. */
	public List<ShownOpening> shown() {
		if (waitingList()) {
			return List.of();
		}
		LocalDate today = today();
		List<NewClientOpening> upcoming = new ArrayList<>(openings.findByOpeningDateGreaterThanEqual(today));
		upcoming.removeIf(opening -> closedOn(opening.getOpeningDate()));
		upcoming.sort(Comparator.comparing((NewClientOpening o) -> o.getClinicianSlug() != null)
			.thenComparing(NewClientOpening::getOpeningDate)
			.thenComparing(NewClientOpening::getPartOfDay)
			.thenComparing(NewClientOpening::getScope));
		List<ShownOpening> shown = new ArrayList<>();
		for (NewClientOpening opening : upcoming) {
			if (opening.getClinicianSlug() == null) {
				shown.add(shownAs(null, opening));
			}
			else {
				team.find(opening.getClinicianSlug())
					.filter(Clinician::published)
					.ifPresent(clinician -> shown.add(shownAs(clinician.name(), opening)));
			}
		}
		return List.copyOf(shown);
	}

	/** The openings shown now ({@link #shown()}), for the clinic's structured data. */
	@Override
	public List<NextOpenings.Opening> shownOpenings() {
		return shown().stream().map(opening -> new NextOpenings.Opening(opening.date(), opening.text())).toList();
	}

	/**
	 * What the public pages show now, as one line of text to keep with an inquiry (each sentence, separated by
	 * {@code "; "}, at most {@code maxLength} characters), or empty when nothing is shown.
	 */
	public Optional<String> shownText(int maxLength) {
		String text = shown().stream().map(ShownOpening::text).collect(Collectors.joining("; "));
		return text.isEmpty() ? Optional.empty() : Optional.of(text.length() > maxLength ? text.substring(0, maxLength) : text);
	}

	/**
	 * Whether the public form is the waiting list: the clinic's confirmed facts say it is not accepting new clients
	 * ({@link ClinicFacts#acceptingNewClients()}, saved by an administrator or marked real in the properties). While
	 * the facts are still the shipped samples ({@link ClinicFacts#sampleValues()}) nothing says the clinic is full,
	 * so the form stays the ordinary inquiry.
	 */
	public boolean waitingList() {
		return !clinic.acceptingNewClients() && !clinic.sampleValues();
	}

	/** Whether the clinic is closed all day on {@code date}: not one of its open days, or a holiday it closes on. */
	boolean closedOn(LocalDate date) {
		return !clinic.week().containsKey(date.getDayOfWeek()) || clinic.isHoliday(date);
	}

	/** Today in the clinic's time zone. */
	LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), clinic.timeZone());
	}

	/** The public pages change when an opening's day ends (midnight after it, clinic time). */
	@Override
	public Optional<Instant> nextPageChangeAfter(Instant now) {
		LocalDate today = LocalDate.ofInstant(now, clinic.timeZone());
		return openings.findByOpeningDateGreaterThanEqual(today)
			.stream()
			.map(opening -> opening.getOpeningDate().plusDays(1).atStartOfDay(clinic.timeZone()).toInstant())
			.filter(end -> end.isAfter(now))
			.min(Comparator.naturalOrder());
	}

	/** Every stored opening, past ones too, the clinic-wide one first, for the back office. */
	List<NewClientOpening> all() {
		List<NewClientOpening> all = new ArrayList<>(openings.findAllByOrderByScopeAsc());
		all.sort(Comparator.comparing((NewClientOpening o) -> o.getClinicianSlug() != null)
			.thenComparing(NewClientOpening::getScope));
		return all;
	}

	/**
	 * Saves an opening, replacing the one of the same scope. The caller has checked the day ({@link #problemWith}).
	 * Publishes {@link PublicContentChanged} for every page.
	 *
	 * @param clinicianSlug the clinician, or {@code null} for the clinic overall
	 * @return the row saved
	 */
	@Transactional
	NewClientOpening save(String clinicianSlug, LocalDate date, PartOfDay part, String savedBy) {
		String scope = clinicianSlug == null ? NewClientOpening.OVERALL : clinicianSlug;
		NewClientOpening opening = openings.findByScope(scope).orElseGet(() -> new NewClientOpening(clinicianSlug));
		opening.set(date, part, clock.instant(), savedBy);
		opening = openings.saveAndFlush(opening);
		events.publishEvent(PublicContentChanged.everyPage(KIND));
		return opening;
	}

	/** Removes the opening of one scope, if there is one; publishes {@link PublicContentChanged} if there was. */
	@Transactional
	boolean remove(String scope) {
		Optional<NewClientOpening> opening = openings.findByScope(scope);
		opening.ifPresent(openings::delete);
		opening.ifPresent(removed -> events.publishEvent(PublicContentChanged.everyPage(KIND)));
		return opening.isPresent();
	}

	/**
	 * Why an opening cannot be set on {@code date}, as a message key, or {@code null} if it can: a day already past
	 * (clinic time), more than {@value #MAX_DAYS_AHEAD} days ahead, a day the clinic is closed, or a statutory holiday
	 * it closes on.
	 */
	String problemWith(LocalDate date) {
		LocalDate today = today();
		if (date.isBefore(today)) {
			return "availability.date.past";
		}
		if (date.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
			return "availability.date.too-far";
		}
		if (clinic.isHoliday(date)) {
			return "availability.date.holiday";
		}
		if (!clinic.week().containsKey(date.getDayOfWeek())) {
			return "availability.date.closed";
		}
		return null;
	}

	/** The day as the sentence writes it: {@code Tuesday, December 8, 2026}. */
	String format(LocalDate date) {
		return dates.weekdayDate(date);
	}

	private ShownOpening shownAs(String clinicianName, NewClientOpening opening) {
		String day = format(opening.getOpeningDate());
		String part = messages.getMessage("availability.part." + opening.getPartOfDay().name().toLowerCase(Locale.ROOT),
				null, SITE_LOCALE);
		String text = clinicianName == null
				? messages.getMessage("availability.shown.overall", new Object[] { day, part }, SITE_LOCALE)
				: messages.getMessage("availability.shown.clinician", new Object[] { clinicianName, day, part },
						SITE_LOCALE);
		return new ShownOpening(clinicianName, opening.getOpeningDate(), opening.getPartOfDay(), text);
	}

}
