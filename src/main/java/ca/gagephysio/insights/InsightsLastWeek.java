package ca.gagephysio.insights;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.inquiry.InquiryFigures.SourceCount;
import ca.gagephysio.inquiry.InquiryFigures.WeeklyInquiries;
import ca.gagephysio.site.seo.PublishedContent;
import ca.gagephysio.site.seo.PublishedPage;
import ca.gagephysio.visits.VisitFigures;
import ca.gagephysio.visits.VisitFigures.WeeklyVisits;

/**
 * {@link LastWeek} from the same figures the insights page reads: the week's row of {@link InquiryFigures#perWeek}
 * and {@link VisitFigures#perWeek}, the inquiries per source page (with how many reached booked), and
 * {@link InquiryFigures#overdueAt}. An article is found as the insights page finds it: the form stores its path, or
 * its bare slug when the person used its call to action.
 */
@Component
class InsightsLastWeek implements LastWeek {

	private static final String ARTICLES = "/articles/";

	private final InquiryFigures inquiries;

	private final VisitFigures visits;

	private final List<PublishedContent> content;

	InsightsLastWeek(InquiryFigures inquiries, VisitFigures visits, List<PublishedContent> content) {
		this.inquiries = inquiries;
		this.visits = visits;
		this.content = content;
	}

	@Override
	public Figures of(LocalDate monday, Instant now) {
		if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
			throw new IllegalArgumentException("A week starts on a Monday: " + monday);
		}
		LocalDate sunday = monday.plusDays(6);
		WeeklyVisits seen = visits.perWeek(monday, sunday)
			.stream()
			.filter(week -> week.weekStarting().equals(monday))
			.findFirst()
			.orElse(new WeeklyVisits(monday, 0, 0));
		WeeklyInquiries asked = inquiries.perWeek(monday, sunday)
			.stream()
			.filter(week -> week.weekStarting().equals(monday))
			.findFirst()
			.orElse(new WeeklyInquiries(monday, 0, 0, 0, null, null, 0, 0));
		List<SourceCount> sources = inquiries.perSourcePage(monday, sunday);
		long booked = sources.stream().mapToLong(SourceCount::booked).sum();
		Double bookedPercent = asked.inquiries() == 0 ? null : 100.0 * booked / asked.inquiries();
		Double medianHours = asked.medianResponseSeconds() == null ? null : asked.medianResponseSeconds() / 3600;
		return new Figures(monday, seen.views(), seen.visitors(), asked.inquiries(), booked, bookedPercent,
				medianHours, inquiries.overdueAt(now), articles(sources));
	}

	private List<ArticleInquiries> articles(List<SourceCount> sources) {
		Map<String, String> titleByPath = new HashMap<>();
		content.stream()
			.flatMap(source -> source.publishedPages().stream())
			.map(PublishedPage.class::cast)
			.filter(page -> page.path().startsWith(ARTICLES))
			.forEach(page -> titleByPath.putIfAbsent(page.path(), page.title()));
		Map<String, Long> byPath = new HashMap<>();
		for (SourceCount source : sources) {
			String stored = source.source();
			String path = stored.startsWith(ARTICLES) ? stored
					: titleByPath.containsKey(ARTICLES + stored) ? ARTICLES + stored : null;
			if (path != null && source.inquiries() > 0) {
				byPath.merge(path.endsWith("/") ? path.substring(0, path.length() - 1) : path, source.inquiries(),
						Long::sum);
			}
		}
		return byPath.entrySet()
			.stream()
			.map(entry -> new ArticleInquiries(titleByPath.getOrDefault(entry.getKey(), entry.getKey()),
					entry.getKey(), entry.getValue()))
			.sorted(Comparator.comparingLong(ArticleInquiries::inquiries).reversed()
				.thenComparing(ArticleInquiries::title))
			.toList();
	}

}
