package ca.gagephysio.inquiry.reply;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.HelpWith;

/**
 * What the template editor posts. Placeholders are checked by the controller (an unknown one names itself in the
 * message), the rest here.
 *
 * @param version the version the editor started from; empty for a new template
 * @param name how the front desk picks it, up to 100 characters, unique ignoring case
 * @param subject the email's subject, up to 200 characters, one line; may use placeholders
 * @param body the email's plain-text body, up to 5,000 characters; may use placeholders
 * @param service the {@link HelpWith} it is marked for, by name, or empty for any
 * @param askingAbout the {@link AskingAbout} it is marked for, by name, or empty for any
 */
record ReplyTemplateForm(@Pattern(regexp = "[0-9]{0,18}", message = "{reply.template.version.invalid}") String version,
		@NotBlank(message = "{reply.template.name.required}") @Size(max = 100,
				message = "{reply.template.name.too-long}") String name,
		@NotBlank(message = "{reply.subject.required}") @Size(max = 200,
				message = "{reply.subject.too-long}") String subject,
		@NotBlank(message = "{reply.body.required}") @Size(max = 5000, message = "{reply.body.too-long}") String body,
		@Pattern(regexp = "|BACK_PAIN|MASSAGE_THERAPY|PHYSIOTHERAPY|FOOT_CARE|OTHER",
				message = "{reply.template.service.invalid}") String service,
		@Pattern(regexp = "|COST|AVAILABILITY|BOTH", message = "{reply.template.asking-about.invalid}") String askingAbout) {

	static ReplyTemplateForm empty() {
		return new ReplyTemplateForm("", "", "", "", "", "");
	}

	static ReplyTemplateForm of(ReplyTemplate template) {
		return new ReplyTemplateForm(Long.toString(template.getVersion()), template.getName(), template.getSubject(),
				template.getBody(), template.getService() == null ? "" : template.getService().name(),
				template.getAskingAbout() == null ? "" : template.getAskingAbout().name());
	}

	/** The same typing, against another version (after a conflict, so saving again is a knowing choice). */
	ReplyTemplateForm withVersion(long newVersion) {
		return new ReplyTemplateForm(Long.toString(newVersion), name, subject, body, service, askingAbout);
	}

	HelpWith serviceMark() {
		return service == null || service.isEmpty() ? null : HelpWith.valueOf(service);
	}

	AskingAbout askingAboutMark() {
		return askingAbout == null || askingAbout.isEmpty() ? null : AskingAbout.valueOf(askingAbout);
	}

	/** The version the editor started from, or {@code null} for a new template. */
	Long startedFrom() {
		return version == null || version.isEmpty() ? null : Long.valueOf(version);
	}

}
