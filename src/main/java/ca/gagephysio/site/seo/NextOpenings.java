package ca.gagephysio.site.seo;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Implemented by a feature that knows when a new client could next be seen (availability), so the clinic's node in
 * every page's structured data says what the pages show, without the site module depending on that feature.
 * <p>
 * The structured data writes each opening as an {@code Offer} the clinic makes ({@code makesOffer}, which schema.org
 * defines on {@code Organization} and so on {@code MedicalClinic}) whose {@code availabilityStarts} is the opening's
 * day (an ISO 8601 date, which schema.org accepts there) and whose name is the sentence shown, with the inquiry form
 * as its {@code url}. No price and no time of day are claimed: a part of the day is not a time, and prices belong to
 * the fees' {@code OfferCatalog} ({@link ClinicOffers}). An {@code Offer} rather than a {@code ReserveAction}: the
 * form asks, it does not book, and an action's {@code startTime} would mean when someone acted.
 */
public interface NextOpenings {

	/**
	 * The openings the public pages show now, in their order; empty when none is shown (none set, its day past in the
	 * clinic's time zone, a closed day, or the form is the waiting list). Read on every page built; the page cache
	 * keeps the result until the next change the feature announces.
	 */
	List<Opening> shownOpenings();

	/**
	 * One opening as shown.
	 *
	 * @param date its day, in the clinic's time zone
	 * @param text the sentence shown, such as {@code Next opening for new clients: Tuesday, December 8, 2026,
	 * morning}
	 */
	record Opening(LocalDate date, String text) {

		public Opening {
			Objects.requireNonNull(date, "date");
			Objects.requireNonNull(text, "text");
		}

	}

}
