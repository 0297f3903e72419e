package ca.gagephysio.site.seo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Implemented by a feature that publishes the clinic's prices (fees), so the clinic's node in every page's
 * structured data carries them as an {@code OfferCatalog} without the site module depending on that feature.
 */
public interface ClinicOffers {

	/** The catalog readers can see now, or empty while nothing is published (then the graph says nothing of prices). */
	Optional<OfferCatalog> offerCatalog();

	/**
	 * The clinic's published prices.
	 *
	 * @param name the catalog's name, such as {@code Fees and insurance}
	 * @param path the public page listing them, such as {@code /fees}
	 * @param offers the services and their prices; never empty
	 * @param paymentMethods how a person can pay, such as {@code Debit}; may be empty
	 */
	record OfferCatalog(String name, String path, List<Offer> offers, List<String> paymentMethods) {

		public OfferCatalog {
			offers = List.copyOf(offers);
			paymentMethods = List.copyOf(paymentMethods);
			if (offers.isEmpty()) {
				throw new IllegalArgumentException("A catalog without offers says nothing");
			}
		}

	}

	/**
	 * One service and its price.
	 *
	 * @param name the service's name
	 * @param description what it is, or empty
	 * @param price its price in Canadian dollars (ISO 4217 {@code CAD}), two decimals, 0 or more
	 * @param taxAdded whether HST is added to the price (the price is then before tax)
	 */
	record Offer(String name, String description, BigDecimal price, boolean taxAdded) {
	}

}
