package ca.gagephysio.staff.trail;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import ca.gagephysio.staff.AccessTrail;

/**
 * One line of the access trail. Immutable to Hibernate and every column not updatable: the application can insert
 * a line, never change one.
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private Instant at;

	@Column(updatable = false)
	private Long actorId;

	@Column(updatable = false)
	private String actorEmail;

	@Column(nullable = false, updatable = false)
	private String action;

	@Column(updatable = false)
	private String subjectType;

	@Column(updatable = false)
	private Long subjectId;

	@Column(updatable = false)
	private String detail;

	@Column(updatable = false)
	private String clientAddress;

	protected AuditEntry() {
		// for JPA
	}

	AuditEntry(Instant at, Long actorId, String actorEmail, String action, String subjectType, Long subjectId,
			String detail, String clientAddress) {
		this.at = at;
		this.actorId = actorId;
		this.actorEmail = clip(actorEmail, 254);
		this.action = clip(action, 40);
		this.subjectType = clip(subjectType, 40);
		this.subjectId = subjectId;
		this.detail = clip(detail, 500);
		this.clientAddress = clip(clientAddress, 64);
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	AccessTrail.Entry asEntry() {
		return new AccessTrail.Entry(at, actorEmail, action, subjectType, subjectId, detail, clientAddress);
	}

	public Long getId() {
		return id;
	}

	public Instant getAt() {
		return at;
	}

	public Long getActorId() {
		return actorId;
	}

	public String getActorEmail() {
		return actorEmail;
	}

	public String getAction() {
		return action;
	}

	public String getSubjectType() {
		return subjectType;
	}

	public Long getSubjectId() {
		return subjectId;
	}

	public String getDetail() {
		return detail;
	}

	public String getClientAddress() {
		return clientAddress;
	}

}
