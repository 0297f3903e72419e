package ca.gagephysio.clinic;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import ca.gagephysio.clinic.ClinicFacts.DayHours;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.ClinicProperties.Address;
import ca.gagephysio.clinic.ClinicProperties.Geo;

/**
 * The clinic's facts as an administrator last saved them: one row ({@code id = 1}), versioned so two administrators
 * saving at once cannot overwrite each other unseen. Times are clinic time ({@code clinic.time-zone}); a day whose
 * opening time is null is closed.
 */
@Entity
@Table(name = "clinic_settings")
class StoredClinicFacts {

	@Id
	private Short id;

	@Version
	private Long version;

	private String name;

	private String baseUrl;

	private String phone;

	private String email;

	private String street;

	private String city;

	private String province;

	private String postalCode;

	private double latitude;

	private double longitude;

	private LocalTime mondayOpens;

	private LocalTime mondayCloses;

	private LocalTime tuesdayOpens;

	private LocalTime tuesdayCloses;

	private LocalTime wednesdayOpens;

	private LocalTime wednesdayCloses;

	private LocalTime thursdayOpens;

	private LocalTime thursdayCloses;

	private LocalTime fridayOpens;

	private LocalTime fridayCloses;

	private LocalTime saturdayOpens;

	private LocalTime saturdayCloses;

	private LocalTime sundayOpens;

	private LocalTime sundayCloses;

	private boolean closedOnStatutoryHolidays;

	private String bookingUrl;

	private boolean acceptingNewClients;

	private Instant savedAt;

	private String savedBy;

	protected StoredClinicFacts() {
	}

	StoredClinicFacts(short id) {
		this.id = id;
	}

	Long version() {
		return version;
	}

	Instant savedAt() {
		return savedAt;
	}

	String savedBy() {
		return savedBy;
	}

	void set(Facts facts, Instant at, String by) {
		name = facts.name();
		baseUrl = facts.baseUrl().toString();
		phone = facts.phone();
		email = facts.email();
		street = facts.address().street();
		city = facts.address().city();
		province = facts.address().region();
		postalCode = facts.address().postalCode();
		latitude = facts.geo().latitude();
		longitude = facts.geo().longitude();
		mondayOpens = opens(facts, DayOfWeek.MONDAY);
		mondayCloses = closes(facts, DayOfWeek.MONDAY);
		tuesdayOpens = opens(facts, DayOfWeek.TUESDAY);
		tuesdayCloses = closes(facts, DayOfWeek.TUESDAY);
		wednesdayOpens = opens(facts, DayOfWeek.WEDNESDAY);
		wednesdayCloses = closes(facts, DayOfWeek.WEDNESDAY);
		thursdayOpens = opens(facts, DayOfWeek.THURSDAY);
		thursdayCloses = closes(facts, DayOfWeek.THURSDAY);
		fridayOpens = opens(facts, DayOfWeek.FRIDAY);
		fridayCloses = closes(facts, DayOfWeek.FRIDAY);
		saturdayOpens = opens(facts, DayOfWeek.SATURDAY);
		saturdayCloses = closes(facts, DayOfWeek.SATURDAY);
		sundayOpens = opens(facts, DayOfWeek.SUNDAY);
		sundayCloses = closes(facts, DayOfWeek.SUNDAY);
		closedOnStatutoryHolidays = facts.closedOnStatutoryHolidays();
		bookingUrl = facts.bookingUrl() == null ? null : facts.bookingUrl().toString();
		acceptingNewClients = facts.acceptingNewClients();
		savedAt = at;
		savedBy = by;
	}

	/** The facts, in the clinic's country (which is not edited here). */
	Facts facts(String country) {
		Map<DayOfWeek, DayHours> week = new EnumMap<>(DayOfWeek.class);
		put(week, DayOfWeek.MONDAY, mondayOpens, mondayCloses);
		put(week, DayOfWeek.TUESDAY, tuesdayOpens, tuesdayCloses);
		put(week, DayOfWeek.WEDNESDAY, wednesdayOpens, wednesdayCloses);
		put(week, DayOfWeek.THURSDAY, thursdayOpens, thursdayCloses);
		put(week, DayOfWeek.FRIDAY, fridayOpens, fridayCloses);
		put(week, DayOfWeek.SATURDAY, saturdayOpens, saturdayCloses);
		put(week, DayOfWeek.SUNDAY, sundayOpens, sundayCloses);
		return new Facts(name, URI.create(baseUrl), phone, email, new Address(street, city, province, postalCode, country),
				new Geo(latitude, longitude), week, closedOnStatutoryHolidays,
				bookingUrl == null ? null : URI.create(bookingUrl), acceptingNewClients);
	}

	private static LocalTime opens(Facts facts, DayOfWeek day) {
		DayHours hours = facts.week().get(day);
		return hours == null ? null : hours.opens();
	}

	private static LocalTime closes(Facts facts, DayOfWeek day) {
		DayHours hours = facts.week().get(day);
		return hours == null ? null : hours.closes();
	}

	private static void put(Map<DayOfWeek, DayHours> week, DayOfWeek day, LocalTime opens, LocalTime closes) {
		if (opens != null && closes != null) {
			week.put(day, new DayHours(opens, closes));
		}
	}

}
