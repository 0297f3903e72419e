package ca.gagephysio.team;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import ca.gagephysio.site.seo.PublishedContent;
import ca.gagephysio.site.seo.PublishedPage;

import org.springframework.stereotype.Component;

/**
 * Lists the published bio pages for the sitemap.
 */
@Component
class TeamPages implements PublishedContent {

	private final Team team;

	TeamPages(Team team) {
		this.team = team;
	}

	@Override
	public List<PublishedPage> publishedPages() {
		return team.published()
			.stream()
			.map(person -> new PublishedPage(person.path(), person.name(), person.summary(),
					LocalDate.ofInstant(person.updatedAt(), ZoneOffset.UTC), person.updatedAt(), null, false))
			.toList();
	}

}
