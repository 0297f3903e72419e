package ca.gagephysio.clinic;

import java.util.function.UnaryOperator;

/**
 * Saves changed clinic facts the way the facts page does ({@link ClinicFacts#save}: stored, announced, the page cache
 * dropped), for tests of what depends on them. Put the defaults back afterwards with {@link SavedClinicFacts#forget}.
 */
public final class ClinicFactsForTests {

	private ClinicFactsForTests() {
	}

	/** Saves the facts in force with {@code change} applied. */
	public static void save(ClinicFacts clinic, UnaryOperator<ClinicFacts.Facts> change) {
		clinic.save(change.apply(clinic.facts()), clinic.version(), "Test Admin");
	}

	/** The facts with the clinic closing on statutory holidays or not. */
	public static ClinicFacts.Facts closedOnHolidays(ClinicFacts.Facts facts, boolean closed) {
		return new ClinicFacts.Facts(facts.name(), facts.baseUrl(), facts.phone(), facts.email(), facts.address(),
				facts.geo(), facts.week(), closed, facts.bookingUrl(), facts.acceptingNewClients());
	}

	/** The facts with the clinic accepting new clients or not. */
	public static ClinicFacts.Facts acceptingNewClients(ClinicFacts.Facts facts, boolean accepting) {
		return new ClinicFacts.Facts(facts.name(), facts.baseUrl(), facts.phone(), facts.email(), facts.address(),
				facts.geo(), facts.week(), facts.closedOnStatutoryHolidays(), facts.bookingUrl(), accepting);
	}

}
