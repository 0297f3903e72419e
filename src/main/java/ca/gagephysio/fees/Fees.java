package ca.gagephysio.fees;

import java.util.List;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ca.gagephysio.site.seo.ClinicOffers;

/**
 * The fees and insurance readers can see: the newest revision an administrator saved, or nothing at all while none
 * was saved (the seed has no prices, and none is ever made up). What other modules ask; read from the database each
 * time (one row by its key), so every instance agrees the moment a save commits.
 */
@Component
public class Fees implements ClinicOffers {

	/** The public page's address. */
	public static final String PATH = "/fees";

	/** What {@link ca.gagephysio.shared.PublicContentChanged} calls a change of the fees. */
	static final String KIND = "fees";

	private final FeeRevisionRepository revisions;

	private final MessageSource messages;

	Fees(FeeRevisionRepository revisions, MessageSource messages) {
		this.revisions = revisions;
		this.messages = messages;
	}

	/** The fees in force, or empty while no administrator has saved any. */
	@Transactional(readOnly = true)
	public Optional<FeeSchedule> published() {
		int number = revisions.findCurrentNumber();
		return number == 0 ? Optional.empty() : revisions.findByNumber(number).map(FeeRevision::schedule);
	}

	/** Whether {@link #PATH} is a public page now (it answers 404 until then, and nothing links to it). */
	@Transactional(readOnly = true)
	public boolean isPublished() {
		return revisions.findCurrentNumber() > 0;
	}

	@Override
	public Optional<OfferCatalog> offerCatalog() {
		return published().map(schedule -> new OfferCatalog(
				messages.getMessage("fees.title", null, LocaleContextHolder.getLocale()), PATH,
				schedule.services()
					.stream()
					.map(service -> new Offer(service.name(), service.description(), service.price(),
							service.hstApplies()))
					.toList(),
				schedule.paymentMethods()));
	}

	/** Every saved revision, newest first. */
	@Transactional(readOnly = true)
	List<FeeSchedule> history() {
		return revisions.findAllByOrderByNumberDesc().stream().map(FeeRevision::schedule).toList();
	}

	/** One saved revision. */
	@Transactional(readOnly = true)
	Optional<FeeSchedule> revision(int number) {
		return revisions.findByNumber(number).map(FeeRevision::schedule);
	}

	/** The number of the revision in force; 0 while none. */
	@Transactional(readOnly = true)
	int currentNumber() {
		return revisions.findCurrentNumber();
	}

}
