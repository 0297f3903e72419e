package ca.gagephysio.fees;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * One saved version of the fees and insurance, kept for good and never edited: the page shows the newest, the
 * history lists them all.
 */
@Entity
@Table(name = "fee_revision")
class FeeRevision {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private int number;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "fee_revision_service", joinColumns = @JoinColumn(name = "revision_id"))
	@OrderColumn(name = "row_order")
	private List<ServiceRow> services = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "fee_revision_payment_method", joinColumns = @JoinColumn(name = "revision_id"))
	@OrderColumn(name = "row_order")
	@Column(name = "name")
	private List<String> paymentMethods = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "fee_revision_insurer", joinColumns = @JoinColumn(name = "revision_id"))
	@OrderColumn(name = "row_order")
	@Column(name = "name")
	private List<String> insurers = new ArrayList<>();

	private String receipts;

	private String cancellationPolicy;

	private String note;

	private String savedBy;

	private Instant savedAt;

	private Integer restoredFrom;

	protected FeeRevision() {
	}

	FeeRevision(int number, FeeSchedule schedule, String savedBy, Instant savedAt, Integer restoredFrom) {
		this.number = number;
		schedule.services().forEach(service -> services.add(new ServiceRow(service)));
		paymentMethods.addAll(schedule.paymentMethods());
		insurers.addAll(schedule.insurers());
		this.receipts = schedule.receipts();
		this.cancellationPolicy = schedule.cancellationPolicy();
		this.note = schedule.note();
		this.savedBy = savedBy;
		this.savedAt = savedAt;
		this.restoredFrom = restoredFrom;
	}

	int number() {
		return number;
	}

	FeeSchedule schedule() {
		return new FeeSchedule(number, services.stream().map(ServiceRow::service).toList(), paymentMethods, insurers,
				receipts, cancellationPolicy, note, savedBy, savedAt, restoredFrom);
	}

	/** One service as stored: price in whole cents (never a floating-point amount). */
	@Embeddable
	static class ServiceRow {

		private String name;

		private String description;

		@Column(name = "duration_minutes")
		private int minutes;

		private long priceCents;

		private boolean hstApplies;

		@Enumerated(EnumType.STRING)
		private VisitKind visitKind;

		protected ServiceRow() {
		}

		ServiceRow(FeeSchedule.Service service) {
			this.name = service.name();
			this.description = service.description();
			this.minutes = service.minutes();
			this.priceCents = service.priceCents();
			this.hstApplies = service.hstApplies();
			this.visitKind = service.kind();
		}

		FeeSchedule.Service service() {
			return new FeeSchedule.Service(name, description, minutes, priceCents, hstApplies, visitKind);
		}

	}

}
