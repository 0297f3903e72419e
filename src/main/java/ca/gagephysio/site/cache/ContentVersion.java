package ca.gagephysio.site.cache;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicFactsChanged;

/**
 * Carries "public pages changed" from the instance where a change was made to every other instance sharing the
 * database. Each instance keeps its rendered pages ({@link PageCache}) and the clinic's facts ({@link ClinicFacts})
 * in memory and drops them on its own change events; those events never reach another instance. So a change that
 * shows on public pages (an article, a clinician, the clinic's facts) also {@link #bump() bumps} a one-row number in
 * the database (table {@code site_content_version}, migration V46) in its own transaction, and every instance
 * {@link #checkForChanges() polls} that number (every second by default, {@code clinic.site.content-poll-interval}):
 * when it moved, the instance drops its page cache and reads the facts again. A job, not a per-request read, so a
 * public page served from the cache still touches no database; another instance shows a change within about the
 * poll interval. The instance that made the change has dropped its own already; it drops once more, harmlessly.
 */
@Component
public class ContentVersion {

	private static final Logger log = LoggerFactory.getLogger(ContentVersion.class);

	private final JdbcClient jdbc;

	private final PageCache pages;

	// looked up when first needed: JPA's entity listeners take this class while the entity manager is being built,
	// before the facts' repository can exist
	private final ObjectProvider<ClinicFacts> facts;

	private final AtomicLong seen;

	ContentVersion(JdbcClient jdbc, PageCache pages, ObjectProvider<ClinicFacts> facts) {
		this.jdbc = jdbc;
		this.pages = pages;
		this.facts = facts;
		// none seen yet: the first check drops the (still empty) cache once, harmlessly
		this.seen = new AtomicLong(Long.MIN_VALUE);
	}

	/**
	 * Tells every instance that public pages changed. Call it inside the transaction that makes the change, so the
	 * number moves exactly when the change commits (and not at all if it rolls back).
	 */
	public void bump() {
		jdbc.sql("update site_content_version set version = version + 1 where id = 1").update();
	}

	/** The clinic's facts were saved: in the same transaction, tell the other instances. */
	@EventListener
	void clinicFactsChanged(ClinicFactsChanged event) {
		bump();
	}

	/**
	 * Drops this instance's pages and facts if any instance changed content since the last check.
	 * @return whether it dropped them
	 */
	@Scheduled(fixedDelayString = "${clinic.site.content-poll-interval:PT1S}",
			initialDelayString = "${clinic.site.content-poll-interval:PT1S}")
	public boolean checkForChanges() {
		long now = current();
		long before = seen.getAndSet(now);
		if (now == before) {
			return false;
		}
		log.debug("Content version {} -> {}: dropping the page cache and re-reading the clinic's facts", before, now);
		facts.getObject().refresh();
		pages.dropAll();
		return true;
	}

	private long current() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

}
