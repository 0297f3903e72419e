package ca.gagephysio.inquiry.reply;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.HelpWith;

/**
 * The reply templates as the inbox reads them: offered for an inquiry with the ones marked for its service and
 * question first. Editing them is the administrators' page's business ({@link ReplyTemplateController}).
 */
@Service
@Transactional(readOnly = true)
public class ReplyTemplates {

	private final ReplyTemplateRepository templates;

	ReplyTemplates(ReplyTemplateRepository templates) {
		this.templates = templates;
	}

	/**
	 * Every template, those that suit the inquiry first: a template suits it when each of its marks (service,
	 * question) is unset or the inquiry's. Among those that suit, the more specific (both marks, then one) come
	 * first; then by name.
	 */
	public List<Choice> offeredFor(HelpWith service, AskingAbout askingAbout) {
		return templates.findAllByOrderByNameAsc()
			.stream()
			.map(template -> Choice.of(template, service, askingAbout))
			.sorted(Comparator.comparing(Choice::suggested)
				.reversed()
				.thenComparing(Comparator.comparingInt(Choice::marks).reversed())
				.thenComparing(Choice::name, String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	public Optional<Choice> find(long id, HelpWith service, AskingAbout askingAbout) {
		return templates.findById(id).map(template -> Choice.of(template, service, askingAbout));
	}

	/**
	 * One template offered for an inquiry.
	 *
	 * @param id its id
	 * @param name its name
	 * @param subject its subject, placeholders unfilled
	 * @param body its body, placeholders unfilled
	 * @param suggested whether it is marked for (or open to) the inquiry's service and question
	 * @param marks how many marks it has (0 to 2): the more, the better it fits when suggested
	 */
	public record Choice(long id, String name, String subject, String body, boolean suggested, int marks) {

		static Choice of(ReplyTemplate template, HelpWith service, AskingAbout askingAbout) {
			boolean serviceFits = template.getService() == null || template.getService() == service;
			boolean questionFits = template.getAskingAbout() == null || template.getAskingAbout() == askingAbout;
			int marks = (template.getService() == null ? 0 : 1) + (template.getAskingAbout() == null ? 0 : 1);
			return new Choice(template.getId(), template.getName(), template.getSubject(), template.getBody(),
					serviceFits && questionFits, marks);
		}

	}

}
