package ca.gagephysio.inquiry.reply;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.site.error.NotFoundException;
import ca.gagephysio.staff.AccessTrail;

/**
 * Every change an administrator makes to the reply templates, each in one transaction with its line in the access
 * trail. Kept apart from {@link ReplyTemplateController} so that a race lost in the database ends this transaction
 * and the controller, outside it, can still answer with the form and the loser's text instead of a 500.
 * <p>
 * Two people at the same instant: a save locks the template's row first ({@code select ... for update}), so the
 * second waits for the first and then sees its version: a {@link StaleTemplateException}, or nothing to do when it
 * saves the very same text (a double click). Adding carries the form's one-time key: the same form twice adds one.
 */
@Service
@Transactional
class ReplyTemplateEditor {

	private final ReplyTemplateRepository templates;

	private final AccessTrail trail;

	ReplyTemplateEditor(ReplyTemplateRepository templates, AccessTrail trail) {
		this.templates = templates;
		this.trail = trail;
	}

	/**
	 * Adds a template, unless the form with this key added one already.
	 * @param requestKey the form's one-time key ({@link #isRequestKey}), or {@code null}
	 * @throws org.springframework.dao.DataIntegrityViolationException when another post with the same key added it at
	 * the same instant ({@link #addedWith} then finds it)
	 */
	void add(Text text, String by, String requestKey) {
		String key = isRequestKey(requestKey) ? requestKey : null;
		if (key != null && templates.findByRequestKey(key).isPresent()) {
			return;
		}
		ReplyTemplate saved = templates.save(new ReplyTemplate(text.name(), text.subject(), text.body(),
				text.service(), text.askingAbout(), by, Instant.now(), key));
		trail.record("REPLY_TEMPLATE_CREATED", ReplyTemplateController.SUBJECT, saved.getId(), null);
	}

	/** Whether the form with this one-time key added a template. */
	@Transactional(readOnly = true)
	boolean addedWith(String requestKey) {
		return isRequestKey(requestKey) && templates.findByRequestKey(requestKey).isPresent();
	}

	/**
	 * Saves new text over the version the editor started from.
	 * @throws StaleTemplateException if someone saved other text since {@code startedFrom}; nothing was written
	 */
	void change(long id, long startedFrom, Text text, String by) {
		ReplyTemplate template = templates.findByIdForUpdate(id)
			.orElseThrow(() -> new NotFoundException("reply template " + id));
		if (Text.of(template).equals(text)) {
			// A second click on Save, or someone else saving the very same text: nothing to save, nothing lost.
			return;
		}
		if (template.getVersion() != startedFrom) {
			throw new StaleTemplateException(template.getVersion());
		}
		template.change(text.name(), text.subject(), text.body(), text.service(), text.askingAbout(), by,
				Instant.now());
		trail.record("REPLY_TEMPLATE_CHANGED", ReplyTemplateController.SUBJECT, id, null);
	}

	/** Deletes the template; one already gone (a second click, or someone else) is the result asked for. */
	void delete(long id) {
		Optional<ReplyTemplate> template = templates.findByIdForUpdate(id);
		if (template.isPresent()) {
			templates.delete(template.get());
			trail.record("REPLY_TEMPLATE_DELETED", ReplyTemplateController.SUBJECT, id, null);
		}
	}

	/** Whether {@code key} is a one-time key as the add form makes them (a UUID); any other value is ignored. */
	static boolean isRequestKey(String key) {
		return key != null && key.matches("[0-9a-f-]{36}");
	}

	/**
	 * A template's words and marks, stripped as stored.
	 *
	 * @param name up to 100 characters
	 * @param subject up to 200 characters
	 * @param body up to 5,000 characters
	 * @param service the service it is offered first for, or {@code null} for any
	 * @param askingAbout the question it is offered first for, or {@code null} for any
	 */
	record Text(String name, String subject, String body, HelpWith service, AskingAbout askingAbout) {

		static Text of(ReplyTemplate template) {
			return new Text(template.getName(), template.getSubject(), template.getBody(), template.getService(),
					template.getAskingAbout());
		}

	}

	/** Someone else saved the template after this editor opened it; nothing was written. */
	static class StaleTemplateException extends RuntimeException {

		private final long currentVersion;

		StaleTemplateException(long currentVersion) {
			super("Reply template changed since the editor was opened");
			this.currentVersion = currentVersion;
		}

		long currentVersion() {
			return currentVersion;
		}

	}

}
