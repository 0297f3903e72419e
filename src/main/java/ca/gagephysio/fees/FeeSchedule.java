package ca.gagephysio.fees;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The fees and insurance as an administrator saved them: one revision, never changed afterwards.
 *
 * @param number the revision's number, from 1
 * @param services the services in the order the page lists them; never empty
 * @param paymentMethods how a person can pay, such as {@code Debit}; may be empty
 * @param insurers the insurers the clinic bills directly; may be empty
 * @param receipts what receipts a person gets (for their own claim); may be empty
 * @param cancellationPolicy the cancellation policy; may be empty
 * @param note anything else the clinic wants said; may be empty
 * @param savedBy display name of the administrator who saved it
 * @param savedAt when it was saved (UTC)
 * @param restoredFrom the earlier revision this one was started from, or {@code null}
 */
public record FeeSchedule(int number, List<Service> services, List<String> paymentMethods, List<String> insurers,
		String receipts, String cancellationPolicy, String note, String savedBy, Instant savedAt,
		Integer restoredFrom) {

	public FeeSchedule {
		services = List.copyOf(services);
		paymentMethods = List.copyOf(paymentMethods);
		insurers = List.copyOf(insurers);
	}

	/** The services of one kind, in page order. */
	public List<Service> services(VisitKind kind) {
		return services.stream().filter(service -> service.kind() == kind).toList();
	}

	/**
	 * Whether this says the same as another schedule, whoever saved either and whenever (a second click on Save).
	 */
	boolean sameContentAs(FeeSchedule other) {
		return services.equals(other.services) && paymentMethods.equals(other.paymentMethods)
				&& insurers.equals(other.insurers) && receipts.equals(other.receipts)
				&& cancellationPolicy.equals(other.cancellationPolicy) && note.equals(other.note);
	}

	/**
	 * One service and its price.
	 *
	 * @param name such as {@code Physiotherapy assessment}; at most 100 characters
	 * @param description what it is, in a sentence or two; may be empty; at most 500 characters
	 * @param minutes how long it takes, in minutes (1 to 480)
	 * @param priceCents its price in cents of Canadian dollars, before HST when {@code hstApplies}; 0 or more
	 * @param hstApplies whether Ontario's HST is added to the price (most physiotherapy is exempt; some products
	 * and services are not)
	 * @param kind first visit or follow-up
	 */
	public record Service(String name, String description, int minutes, long priceCents, boolean hstApplies,
			VisitKind kind) {

		/** The price in Canadian dollars, with two decimals. */
		public BigDecimal price() {
			return BigDecimal.valueOf(priceCents, 2);
		}

		/** The price as readers in Canada write it: {@code $85.00}. */
		public String priceText() {
			return NumberFormat.getCurrencyInstance(Locale.CANADA).format(price());
		}

	}

}
