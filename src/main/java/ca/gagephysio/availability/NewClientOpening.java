package ca.gagephysio.availability;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One stored opening: for the clinic overall ({@link #OVERALL}) or for one clinician, by their bio's slug. A new save
 * for the same scope replaces it (the {@code scope} column is unique).
 */
@Entity
@Table(name = "new_client_opening")
class NewClientOpening {

	/** The scope of the clinic-wide opening. */
	static final String OVERALL = "*";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String scope;

	@Column(updatable = false)
	private String clinicianSlug;

	@Column(nullable = false)
	private LocalDate openingDate;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private PartOfDay partOfDay;

	@Column(nullable = false)
	private Instant savedAt;

	@Column(nullable = false)
	private String savedBy;

	protected NewClientOpening() {
		// for JPA
	}

	NewClientOpening(String clinicianSlug) {
		this.clinicianSlug = clinicianSlug;
		this.scope = clinicianSlug == null ? OVERALL : clinicianSlug;
	}

	void set(LocalDate date, PartOfDay part, Instant at, String by) {
		this.openingDate = date;
		this.partOfDay = part;
		this.savedAt = at;
		this.savedBy = by;
	}

	Long getId() {
		return id;
	}

	String getScope() {
		return scope;
	}

	/** The clinician's slug, or {@code null} for the clinic overall. */
	String getClinicianSlug() {
		return clinicianSlug;
	}

	LocalDate getOpeningDate() {
		return openingDate;
	}

	PartOfDay getPartOfDay() {
		return partOfDay;
	}

	Instant getSavedAt() {
		return savedAt;
	}

	String getSavedBy() {
		return savedBy;
	}

}
