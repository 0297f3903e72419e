package ca.gagephysio.site.cache;

import ca.gagephysio.shared.PublicContentChanged;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ca.gagephysio.clinic.ClinicFacts;

/**
 * Where every change to public content lands ({@link PublicContentChanged}, its one listener), and how it reaches
 * every instance sharing the database. Each instance keeps its rendered pages ({@link PageCache}) and the clinic's
 * facts ({@link ClinicFacts}) in memory, and an event never leaves the instance it was published on. So the listener
 * does two things: inside the writing transaction it bumps a one-row number in the database (table
 * {@code site_content_version}, migration V46), which therefore moves exactly when the change commits and not at all
 * if it rolls back; and once that transaction has ended it drops this instance's pages. Every instance
 * {@link #checkForChanges() polls} the number (every second by default, {@code clinic.site.content-poll-interval}):
 * when it moved, the instance reads the facts again and drops its page cache. A job, not a per-request read, so a
 * public page served from the cache still touches no database; another instance shows a change within about the poll
 * interval. The instance that made the change has dropped its own already; it drops once more, harmlessly.
 */
@Component
public class ContentVersion {

	private static final Logger log = LoggerFactory.getLogger(ContentVersion.class);

	private final JdbcClient jdbc;

	private final PageCache pages;

	private final ClinicFacts facts;

	private final AtomicLong seen;

	ContentVersion(JdbcClient jdbc, PageCache pages, ClinicFacts facts) {
		this.jdbc = jdbc;
		this.pages = pages;
		this.facts = facts;
		// none seen yet: the first check drops the (still empty) cache once, harmlessly
		this.seen = new AtomicLong(Long.MIN_VALUE);
	}

	/**
	 * A change readers see: the version moves in the publisher's transaction (its row stays locked until that
	 * commits, so such changes commit one after the other, as they did when each feature bumped it itself), and this
	 * instance's pages are dropped when the transaction ends. Not before: a page rendered between the write and the
	 * commit still reads the old rows, and would stay; one rendered while the drop happens is not kept (the cache's
	 * generation moved). Dropped after a rollback too: the clinic's facts are shown to readers from the moment they are
	 * saved ({@link ClinicFacts#save}), so a page rendered from facts that were then rolled back must go. Outside a
	 * transaction, both at once.
	 */
	@EventListener
	void publicContentChanged(PublicContentChanged event) {
		log.debug("Public content changed ({} at {}): moving the content version", event.kind(),
				event.onEveryPage() ? "every page" : event.paths());
		bump();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					pages.dropAll();
				}
			});
		}
		else {
			pages.dropAll();
		}
	}

	/** Tells every instance, through the database, that public pages changed. */
	private void bump() {
		jdbc.sql("update site_content_version set version = version + 1 where id = 1").update();
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
		facts.refresh();
		pages.dropAll();
		return true;
	}

	private long current() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

}
