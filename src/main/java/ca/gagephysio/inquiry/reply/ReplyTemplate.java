package ca.gagephysio.inquiry.reply;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.HelpWith;

/**
 * A reply an administrator wrote once for the front desk to send many times: the clinic's words with
 * {@link Placeholders}, optionally marked for a service and a question (null: any). The getters are public for the
 * templates page's expressions only; the class stays inside this package.
 */
@Entity
@Table(name = "reply_template")
class ReplyTemplate {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String subject;

	@Column(nullable = false)
	private String body;

	@Enumerated(EnumType.STRING)
	private HelpWith service;

	@Enumerated(EnumType.STRING)
	private AskingAbout askingAbout;

	@Column(nullable = false)
	private Instant updatedAt;

	@Column(nullable = false)
	private String updatedBy;

	@Version
	private long version;

	/** The one-time key of the form that added it, or {@code null}: the same form sent twice adds it once. */
	private String requestKey;

	protected ReplyTemplate() {
		// for JPA
	}

	ReplyTemplate(String name, String subject, String body, HelpWith service, AskingAbout askingAbout,
			String updatedBy, Instant now, String requestKey) {
		this.requestKey = requestKey;
		change(name, subject, body, service, askingAbout, updatedBy, now);
	}

	void change(String name, String subject, String body, HelpWith service, AskingAbout askingAbout, String updatedBy,
			Instant now) {
		this.name = name;
		this.subject = subject;
		this.body = body;
		this.service = service;
		this.askingAbout = askingAbout;
		this.updatedBy = updatedBy;
		this.updatedAt = now;
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public String getSubject() {
		return subject;
	}

	public String getBody() {
		return body;
	}

	public HelpWith getService() {
		return service;
	}

	public AskingAbout getAskingAbout() {
		return askingAbout;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public String getUpdatedBy() {
		return updatedBy;
	}

	public long getVersion() {
		return version;
	}

}
