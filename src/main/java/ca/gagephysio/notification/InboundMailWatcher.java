package ca.gagephysio.notification;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps watching the clinic's mailbox while the application runs, when {@code clinic.inbound-mail.host} is set: one
 * connection, the folder opened read-only, new messages taken by {@link InboundMailbox}; then it waits with IMAP
 * IDLE (RFC 2177) where the server offers it, renewed every {@code idle-timeout} (a scheduled look at the folder
 * ends the IDLE, as Angus Mail documents for {@link IMAPFolder#idle}), and otherwise looks every
 * {@code poll-interval}. A lost connection is logged (its error's type, nothing from the mailbox) and made again
 * after {@code poll-interval}. Several instances may all watch: the answers' unique keys see that each is taken
 * once.
 */
@Component
class InboundMailWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboundMailWatcher.class);

	private final InboundMailProperties mailbox;

	private final InboundMailbox reader;

	private final InboundMailbox.Cursor cursor = new InboundMailbox.Cursor();

	private volatile boolean running;

	private volatile Thread thread;

	private volatile Store store;

	private final Object pause = new Object();

	InboundMailWatcher(InboundMailProperties mailbox, InboundMailbox reader) {
		this.mailbox = mailbox;
		this.reader = reader;
	}

	@Override
	public void start() {
		if (!mailbox.enabled()) {
			log.debug("clinic.inbound-mail.host is empty: patients' answers are not read from a mailbox");
			return;
		}
		running = true;
		Thread watching = new Thread(this::watch, "inbound-mail");
		watching.setDaemon(true);
		thread = watching;
		watching.start();
		log.info("Reading patients' answers from {}", mailbox);
	}

	@Override
	public void stop() {
		running = false;
		synchronized (pause) {
			pause.notifyAll();
		}
		Store open = store;
		if (open != null) {
			try {
				// ends an IDLE in progress at once
				open.close();
			}
			catch (MessagingException ex) {
				// closing anyway
			}
		}
		Thread watching = thread;
		if (watching != null) {
			watching.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void watch() {
		ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread renewal = new Thread(runnable, "inbound-mail-idle-renewal");
			renewal.setDaemon(true);
			return renewal;
		});
		try {
			while (running) {
				try (Store connected = InboundMailbox.connect(mailbox)) {
					store = connected;
					Folder folder = InboundMailbox.open(connected, mailbox);
					boolean idle = connected instanceof IMAPStore imap && imap.hasCapability("IDLE");
					while (running && folder.isOpen()) {
						int taken = reader.takeNew(folder, cursor);
						if (taken > 0) {
							log.info("Took {} patient answer(s) from the clinic's mailbox", taken);
						}
						if (idle && folder instanceof IMAPFolder imapFolder) {
							idleOnce(imapFolder, renewals);
						}
						else {
							pause(mailbox.pollInterval().toMillis());
						}
					}
				}
				catch (MessagingException | RuntimeException ex) {
					if (running) {
						log.warn("The clinic's mailbox could not be read ({}); trying again in {}",
								ex.getClass().getName(), mailbox.pollInterval());
						pause(mailbox.pollInterval().toMillis());
					}
				}
				finally {
					store = null;
				}
			}
		}
		finally {
			renewals.shutdownNow();
		}
	}

	/** Waits in IDLE until the server reports a change, or until the renewal ends it. */
	private void idleOnce(IMAPFolder folder, ScheduledExecutorService renewals) throws MessagingException {
		ScheduledFuture<?> renewal = renewals.schedule(() -> {
			try {
				folder.getMessageCount();
			}
			catch (MessagingException | RuntimeException ex) {
				// the watch loop sees the broken connection itself
			}
		}, mailbox.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
		try {
			folder.idle(true);
		}
		finally {
			renewal.cancel(false);
		}
	}

	private void pause(long millis) {
		synchronized (pause) {
			if (!running) {
				return;
			}
			try {
				pause.wait(Math.max(1, millis));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				running = false;
			}
		}
	}

}
