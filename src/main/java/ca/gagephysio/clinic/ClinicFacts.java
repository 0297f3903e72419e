package ca.gagephysio.clinic;

import ca.gagephysio.shared.PublicContentChanged;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ca.gagephysio.clinic.ClinicProperties.Address;
import ca.gagephysio.clinic.ClinicProperties.Geo;
import ca.gagephysio.clinic.ClinicProperties.OpeningHours;
import ca.gagephysio.shared.PhoneNumbers;

/**
 * The clinic's facts as they are now, for every page, email, structured data and the inbox's due times: the facts an
 * administrator saved at {@code /staff/settings} if there are any, otherwise the first-start defaults of
 * {@link ClinicProperties}. Readers keep asking this bean (never the database), so a save shows everywhere at once.
 * <p>
 * The accessors carry the names {@link ClinicProperties} has, so templates keep writing {@code ${clinic.phone}}. The
 * saved row is kept in memory; this instance replaces it the moment it saves, and re-reads it at most
 * {@link #RECHECK_AFTER_NANOS every 5 seconds}, so a second instance behind the proxy follows within that time.
 * <p>
 * Ontario's statutory holidays are the public holidays of the Employment Standards Act, 2000 (Ontario), s. 1(1): New
 * Year's Day, Family Day, Good Friday, Victoria Day, Canada Day, Labour Day, Thanksgiving Day, Christmas Day and
 * Boxing Day. They come from the maintained Jollyday library (calendar {@code ca}, province {@code on}, type
 * {@code PUBLIC_HOLIDAY}); the days Jollyday marks as bank holidays in Ontario (Civic Holiday, Easter Monday,
 * Remembrance Day, National Day for Truth and Reconciliation) are not statutory there and do not close the clinic.
 */
@Component
public class ClinicFacts {

	/** How long a stored row is trusted before this instance reads it again: 5 seconds. */
	static final long RECHECK_AFTER_NANOS = 5_000_000_000L;

	/** What {@link PublicContentChanged} calls a change of the facts. */
	static final String KIND = "clinic facts";

	/** The only row of {@code clinic_settings}. */
	static final short ROW = 1;

	private final ClinicProperties defaults;

	private final StoredClinicFactsRepository stored;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final OntarioStatutoryHolidays holidays;

	private volatile Snapshot snapshot;

	/**
	 * Counts every change of {@link #snapshot} by a save or a {@link #refresh()}, under {@link #changing}: a reader
	 * that loaded the stored row installs what it read only if nothing changed since it began, so a read that began
	 * before a save cannot put the facts from before it back after it (guarded by {@code changing}).
	 */
	private long changes;

	/** Held only while {@link #snapshot} and {@link #changes} are set together, never around a database read. */
	private final Object changing = new Object();

	ClinicFacts(ClinicProperties defaults, StoredClinicFactsRepository stored, ApplicationEventPublisher events,
			ObjectProvider<Clock> clock, MessageSource messages) {
		this.defaults = defaults;
		// The site speaks Canadian English only; the names are resolved once per year computed.
		this.holidays = new OntarioStatutoryHolidays(
				(key, fallback) -> messages.getMessage(key, null, fallback, Locale.CANADA));
		this.stored = stored;
		this.events = events;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** The facts in force now. */
	public Facts facts() {
		return snapshot().facts();
	}

	/** The saved row's version for optimistic locking, or {@code null} while the defaults are in force. */
	public Long version() {
		return snapshot().version();
	}

	/** When and by whom the facts were last saved, or empty while the defaults are in force. */
	public Optional<Saved> saved() {
		return Optional.ofNullable(snapshot().saved());
	}

	public String name() {
		return facts().name();
	}

	public URI baseUrl() {
		return facts().baseUrl();
	}

	public String phone() {
		return facts().phone();
	}

	/** The public contact email, or {@code null}. */
	public String email() {
		return facts().email();
	}

	public Address address() {
		return facts().address();
	}

	public Geo geo() {
		return facts().geo();
	}

	/** The clinic's time zone: not edited from the back office, always {@code clinic.time-zone}. */
	public ZoneId timeZone() {
		return defaults.timeZone();
	}

	/** The opening hours as blocks of days with the same times, Monday first; closed days are in none. */
	public List<OpeningHours> hours() {
		return blocks(facts().week());
	}

	/** The days the clinic does not open at all, Monday first; empty if it opens every day. */
	public List<DayOfWeek> closedDays() {
		Map<DayOfWeek, DayHours> week = week();
		return EnumSet.allOf(DayOfWeek.class).stream().filter(day -> !week.containsKey(day)).toList();
	}

	/** The closed days as people read them ({@code Saturday, Sunday}), in the reader's language; empty if none. */
	public String closedDays(Locale locale) {
		return ClinicProperties.dayRange(closedDays(), locale);
	}

	/** Each open day's hours; a day missing from the map is closed. */
	public Map<DayOfWeek, DayHours> week() {
		return facts().week();
	}

	public boolean closedOnStatutoryHolidays() {
		return facts().closedOnStatutoryHolidays();
	}

	/** The online booking page as text for links, or {@code null} if the clinic has none. */
	public String bookingUrl() {
		URI url = facts().bookingUrl();
		return url == null ? null : url.toString();
	}

	public boolean acceptingNewClients() {
		return facts().acceptingNewClients();
	}

	/** True until an administrator has saved the facts (or the defaults were marked real). */
	public boolean sampleValues() {
		Snapshot current = snapshot();
		return current.version() == null && defaults.sampleValues();
	}

	/**
	 * A {@code tel:} link that dials the clinic (RFC 3966, read in the clinic's country by {@link PhoneNumbers}), or
	 * {@code null} if the phone is not a possible number: a link that dials a wrong number is worse than none.
	 */
	public String phoneHref() {
		return PhoneNumbers.in(address().country()).parse(phone()).map(PhoneNumbers.Phone::telUri).orElse(null);
	}

	/** An absolute URL on this site for a path such as {@code /articles}. */
	public String url(String path) {
		String base = baseUrl().toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return base + (path.startsWith("/") ? path : "/" + path);
	}

	/** The statutory holiday on this day, if the clinic closes on statutory holidays and it is one. */
	public Optional<Holiday> holidayOn(LocalDate date) {
		return closedOnStatutoryHolidays() ? holidays.on(date) : Optional.empty();
	}

	/** True if the clinic is closed all day for a statutory holiday. */
	public boolean isHoliday(LocalDate date) {
		return holidayOn(date).isPresent();
	}

	/** The holidays the clinic closes on from {@code from} to {@code to}, both included, oldest first. */
	public List<Holiday> holidaysBetween(LocalDate from, LocalDate to) {
		return closedOnStatutoryHolidays() ? holidays.between(from, to) : List.of();
	}

	/** The next holiday the clinic closes on, today (in the clinic's time zone) included, or {@code null}. */
	public Holiday nextHoliday() {
		LocalDate today = today();
		return holidaysBetween(today, today.plusYears(1)).stream().findFirst().orElse(null);
	}

	/** Today in the clinic's time zone. */
	public LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), timeZone());
	}

	/**
	 * Saves the clinic's own facts, which from now on override {@code application.properties} everywhere; saving
	 * them is the clinic confirming they are real, so the sample-values warnings end. Publishes
	 * {@link PublicContentChanged} (on every page: the facts are in every header, footer and page's structured data)
	 * in the transaction, which drops the cached pages when it ends, on every instance.
	 *
	 * @param facts the new facts, already validated
	 * @param expectedVersion the version the editor started from ({@link #version()}), {@code null} if none was saved
	 * @param savedBy who saves them, for the settings page
	 * @return the names of what changed, such as {@code phone} or {@code hours.MONDAY}, in the form's order
	 * @throws ClinicFactsConflict if someone else saved in between
	 */
	@Transactional
	public List<String> save(Facts facts, Long expectedVersion, String savedBy) {
		Facts before = facts();
		Instant now = clock.instant();
		StoredClinicFacts row = stored.findById(ROW).orElse(null);
		if (row == null ? expectedVersion != null : !Objects.equals(row.version(), expectedVersion)) {
			throw new ClinicFactsConflict();
		}
		if (row == null) {
			row = new StoredClinicFacts(ROW);
		}
		row.set(facts, now, savedBy);
		try {
			row = stored.saveAndFlush(row);
		}
		catch (ConcurrencyFailureException | org.springframework.dao.DataIntegrityViolationException ex) {
			// Two first saves at once both insert row 1; two later ones race on the version (or, where the second
			// waits too long for the first's row lock, time out: the same story).
			throw new ClinicFactsConflict();
		}
		Snapshot next = new Snapshot(row.facts(defaults.address().country()), row.version(),
				new Saved(row.savedAt(), row.savedBy()), System.nanoTime());
		// Readers see the new facts from now on, so a page rendered once the cache has dropped shows them. Once the
		// transaction ends the next reader reads the row again (registered before the event goes out, so this runs
		// before the drop): a rolled-back save is forgotten, and a reader that read the row while this transaction
		// was still open, and so saw the facts from before it, cannot install them (see changes).
		install(next);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					refresh();
				}
			});
		}
		events.publishEvent(PublicContentChanged.everyPage(KIND));
		return changes(before, facts);
	}

	/** Forgets what is held in memory, so the next reader reads the stored row again. */
	public void refresh() {
		install(null);
	}

	private void install(Snapshot next) {
		synchronized (this.changing) {
			this.changes++;
			this.snapshot = next;
		}
	}

	/**
	 * The facts held in memory, read from the stored row when there are none or they are older than
	 * {@link #RECHECK_AFTER_NANOS} (another instance may have saved). What a reader loads is installed only if no
	 * save or refresh came in between, so a read that began before a save never overwrites it with the facts from
	 * before it; the reader still answers with what it read, as it would have a moment earlier.
	 */
	private Snapshot snapshot() {
		Snapshot current = this.snapshot;
		if (current == null || System.nanoTime() - current.readAt() > RECHECK_AFTER_NANOS) {
			long before;
			synchronized (this.changing) {
				before = this.changes;
			}
			current = load();
			synchronized (this.changing) {
				if (this.changes == before) {
					this.snapshot = current;
				}
			}
		}
		return current;
	}

	private Snapshot load() {
		return stored.findById(ROW)
			.map(row -> new Snapshot(row.facts(defaults.address().country()), row.version(),
					new Saved(row.savedAt(), row.savedBy()), System.nanoTime()))
			.orElseGet(() -> new Snapshot(fromProperties(), null, null, System.nanoTime()));
	}

	private Facts fromProperties() {
		Map<DayOfWeek, DayHours> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			// Where blocks overlap, the day runs from the earliest opening to the latest closing.
			defaults.hours().stream().filter(block -> block.isOpenOn(day)).forEach(block -> week.merge(day,
					new DayHours(block.opens(), block.closes()),
					(a, b) -> new DayHours(min(a.opens(), b.opens()), max(a.closes(), b.closes()))));
		}
		URI booking = defaults.bookingUrl() == null || defaults.bookingUrl().toString().isBlank() ? null
				: defaults.bookingUrl();
		String email = defaults.email() == null || defaults.email().isBlank() ? null : defaults.email().strip();
		return new Facts(defaults.name(), defaults.baseUrl(), defaults.phone(), email, defaults.address(),
				defaults.geo(), week, defaults.closedOnStatutoryHolidays(), booking, defaults.acceptingNewClients());
	}

	private static LocalTime min(LocalTime a, LocalTime b) {
		return a.isBefore(b) ? a : b;
	}

	private static LocalTime max(LocalTime a, LocalTime b) {
		return a.isAfter(b) ? a : b;
	}

	/** Days with the same hours become one block, in the order of their first day (Monday first). */
	private static List<OpeningHours> blocks(Map<DayOfWeek, DayHours> week) {
		Map<DayHours, Set<DayOfWeek>> grouped = new LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			DayHours hours = week.get(day);
			if (hours != null) {
				grouped.computeIfAbsent(hours, key -> EnumSet.noneOf(DayOfWeek.class)).add(day);
			}
		}
		List<OpeningHours> blocks = new ArrayList<>();
		grouped.forEach((hours, days) -> blocks.add(new OpeningHours(days, hours.opens(), hours.closes())));
		return Collections.unmodifiableList(blocks);
	}

	private static List<String> changes(Facts before, Facts after) {
		List<String> changed = new ArrayList<>();
		note(changed, "name", before.name(), after.name());
		note(changed, "phone", before.phone(), after.phone());
		note(changed, "email", before.email(), after.email());
		note(changed, "street", before.address().street(), after.address().street());
		note(changed, "city", before.address().city(), after.address().city());
		note(changed, "province", before.address().region(), after.address().region());
		note(changed, "postalCode", before.address().postalCode(), after.address().postalCode());
		note(changed, "coordinates", before.geo(), after.geo());
		for (DayOfWeek day : DayOfWeek.values()) {
			note(changed, "hours." + day, before.week().get(day), after.week().get(day));
		}
		note(changed, "statutoryHolidays", before.closedOnStatutoryHolidays(), after.closedOnStatutoryHolidays());
		note(changed, "baseUrl", before.baseUrl(), after.baseUrl());
		note(changed, "bookingUrl", before.bookingUrl(), after.bookingUrl());
		note(changed, "newClientsBanner", before.acceptingNewClients(), after.acceptingNewClients());
		return changed;
	}

	private static void note(List<String> changed, String name, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			changed.add(name);
		}
	}

	/**
	 * The clinic's facts.
	 *
	 * @param name its public name
	 * @param baseUrl the absolute http(s) URL the site is served from (canonical links, sitemap, feed, emails)
	 * @param phone as shown to people; a possible number in the clinic's country (libphonenumber)
	 * @param email public contact email, or {@code null}
	 * @param address street address; {@code region} is the province's two-letter code, {@code country} ISO 3166-1
	 * @param geo WGS 84 latitude and longitude in decimal degrees
	 * @param week each open day's hours, clinic time; a day missing is closed
	 * @param closedOnStatutoryHolidays whether the clinic closes on Ontario's statutory holidays
	 * @param bookingUrl the online booking page, or {@code null}
	 * @param acceptingNewClients whether the public pages say "Now booking new clients"
	 */
	public record Facts(String name, URI baseUrl, String phone, String email, Address address, Geo geo,
			Map<DayOfWeek, DayHours> week, boolean closedOnStatutoryHolidays, URI bookingUrl,
			boolean acceptingNewClients) {

		public Facts {
			week = Collections.unmodifiableMap(week.isEmpty() ? new EnumMap<>(DayOfWeek.class) : new EnumMap<>(week));
		}

	}

	/**
	 * One open day's hours, clinic time.
	 *
	 * @param opens when the doors open
	 * @param closes when they close, after {@code opens} (the clinic never stays open past midnight)
	 */
	public record DayHours(LocalTime opens, LocalTime closes) {
	}

	/**
	 * A statutory holiday the clinic closes on.
	 *
	 * @param date the day it is observed
	 * @param name its name as the Employment Standards Act, 2000 (Ontario) writes it, such as {@code Victoria Day}
	 * (from the messages {@code clinic.holiday.*})
	 */
	public record Holiday(LocalDate date, String name) {
	}

	/**
	 * The last save.
	 *
	 * @param at when, UTC
	 * @param by the administrator's name
	 */
	public record Saved(Instant at, String by) {
	}

	private record Snapshot(Facts facts, Long version, Saved saved, long readAt) {
	}

}
