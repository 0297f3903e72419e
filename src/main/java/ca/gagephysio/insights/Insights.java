package ca.gagephysio.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.inquiry.InquiryFigures.Count;
import ca.gagephysio.inquiry.InquiryFigures.SourceCount;
import ca.gagephysio.inquiry.InquiryFigures.Totals;
import ca.gagephysio.inquiry.InquiryFigures.WeeklyInquiries;
import ca.gagephysio.inquiry.InquiryFigures.WeeklyWaitingList;
import ca.gagephysio.inquiry.InquiryFigures.WeeksAndTotals;
import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.insights.InsightsPeriod.Days;
import ca.gagephysio.site.seo.PublishedContent;
import ca.gagephysio.site.seo.PublishedPage;
import ca.gagephysio.visits.VisitFigures.PageVisits;
import ca.gagephysio.visits.VisitFigures.SourceVisits;
import ca.gagephysio.visits.VisitFigures.WeeklyVisits;
import ca.gagephysio.visits.VisitFigures;

/**
 * Turns the figures the inquiry and visits modules compute into the insights page's charts and tables. Every sum,
 * count, median and percentile comes from those modules; this class only lines the weeks of the two modules up,
 * puts an article's views beside the inquiries that came from it, and divides (rates in percent, times in hours
 * of opening time, one decimal on the page).
 */
@Component
class Insights {

	/** Names of the figures, in page order; each is also a CSV address, {@code /staff/insights/<name>.csv}. */
	static final List<String> FIGURES = List.of("visits", "visit-sources", "inquiries", "response", "services",
			"pages", "sites", "campaigns", "articles", "spam", "spam-reasons", "waiting-list");

	/** Rows a horizontal chart shows at most; its table and CSV have them all. */
	private static final int CHART_ROWS = 15;

	private static final String ARTICLES = "/articles/";

	private final InquiryFigures inquiries;

	private final VisitFigures visits;

	private final List<PublishedContent> content;

	private final MessageSource messages;

	private final ClinicDates dates;

	/**
	 * Runs the page's independent aggregate queries side by side, each on its own pooled connection: the page reads
	 * fourteen aggregates, and one after another they cost the sum of their scans (on H2, which scans in one thread per
	 * query, about 300 ms for 12 weeks of a clinic-sized history in benchmark/insights.sh). Four threads: more than
	 * the cores a clinic's server has, fewer than the connection pool's ten. Only the queries run here; the charts
	 * are built on the request's thread, which holds the locale and the security context.
	 */
	private final ExecutorService queries = Executors.newFixedThreadPool(4, runnable -> {
		Thread thread = new Thread(runnable, "insights-query");
		thread.setDaemon(true);
		return thread;
	});

	Insights(InquiryFigures inquiries, VisitFigures visits, List<PublishedContent> content, MessageSource messages,
			ClinicDates dates) {
		this.dates = dates;
		this.inquiries = inquiries;
		this.visits = visits;
		this.content = content;
		this.messages = messages;
	}

	@PreDestroy
	void stopQueries() {
		queries.shutdownNow();
	}

	/**
	 * The page as a whole: the headline numbers, every figure in page order and the wait from a patient's answer to
	 * the clinic's reply. All of its aggregate queries are started at once, and each is asked once: the period's
	 * weekly visits serve both the headline and the visits chart, and the published pages and former addresses
	 * (which name the sources and the articles) are read once, on the request's thread while the queries run.
	 */
	Page page(Days days) {
		LocalDate from = days.from();
		LocalDate to = days.to();
		Days before = days.previous();
		// the period's totals come with its weeks (one pass fewer); the period before needs only its totals
		CompletableFuture<WeeksAndTotals> asked = read(() -> inquiries.perWeekAndTotals(from, to));
		CompletableFuture<Totals> askedBefore = read(() -> inquiries.totals(before.from(), before.to()));
		CompletableFuture<List<SourceCount>> pages = read(() -> inquiries.perSourcePage(from, to));
		CompletableFuture<List<SourceCount>> sites = read(() -> inquiries.perReferringSite(from, to));
		CompletableFuture<List<SourceCount>> campaigns = read(() -> inquiries.perCampaign(from, to));
		CompletableFuture<List<Count>> services = read(() -> inquiries.perService(from, to));
		CompletableFuture<List<WeeklyVisits>> seen = read(() -> visits.perWeek(from, to));
		CompletableFuture<List<WeeklyVisits>> seenBefore = read(() -> visits.perWeek(before.from(), before.to()));
		CompletableFuture<List<PageVisits>> pageVisits = read(() -> visits.perPage(from, to));
		CompletableFuture<List<SourceVisits>> visitSources = read(() -> visits.perSource(from, to));
		CompletableFuture<List<Count>> spamReasons = read(() -> inquiries.spamPerReason(from, to));
		CompletableFuture<List<WeeklyWaitingList>> waiting = read(() -> inquiries.waitingListPerWeek(from, to));
		CompletableFuture<InquiryFigures.AnswerReplyTimes> answerWait = read(() -> inquiries.answerToReply(from, to));
		Published published = published();
		List<Headline> headline = headline(join(seen), join(seenBefore), join(asked).totals(), join(askedBefore));
		Map<String, Figure> figures = new LinkedHashMap<>();
		weekly(join(seen), join(asked).weeks()).forEach(figure -> figures.put(figure.id(), figure));
		figures.put("visit-sources", visitSources(join(visitSources)));
		figures.put("services", services(join(services)));
		figures.put("pages", pages(join(pages), published));
		figures.put("sites", sources("sites", join(sites)));
		figures.put("campaigns", sources("campaigns", join(campaigns)));
		figures.put("articles", articles(join(pageVisits), join(pages), published));
		figures.put("spam-reasons", spamReasons(join(spamReasons)));
		figures.put("waiting-list", waitingList(join(waiting)));
		return new Page(headline, FIGURES.stream().map(figures::get).toList(), join(answerWait));
	}

	/**
	 * What the page shows.
	 *
	 * @param headline the numbers it opens with
	 * @param figures every figure, in page order ({@link #FIGURES})
	 * @param answerWait the wait from a patient's answer by email to the clinic's next reply
	 */
	record Page(List<Headline> headline, List<Figure> figures, InquiryFigures.AnswerReplyTimes answerWait) {
	}

	/**
	 * The numbers the page opens with, each over the period and against the period of the same length just
	 * before: visits (each day's unique visitors, added up), inquiries (spam left out), inquiries per 100 visits,
	 * the share of inquiries that reached booked, and the median first response in hours of opening time. Counts
	 * compare in percent, rates and shares in percentage points, the median in hours.
	 */
	private List<Headline> headline(List<WeeklyVisits> seenNow, List<WeeklyVisits> seenBefore, Totals now,
			Totals then) {
		long visitsNow = seenNow.stream().mapToLong(WeeklyVisits::visitors).sum();
		long visitsBefore = seenBefore.stream().mapToLong(WeeklyVisits::visitors).sum();
		return List.of(
				count("visits", visitsNow, visitsBefore),
				count("inquiries", now.inquiries(), then.inquiries()),
				rate("per-100-visits", perHundred(now.inquiries(), visitsNow), perHundred(then.inquiries(), visitsBefore),
						"insights.headline.number", "insights.headline.points"),
				rate("booked", percent(now.booked(), now.inquiries()), percent(then.booked(), then.inquiries()),
						"insights.headline.percent", "insights.headline.points"),
				rate("response", hours(now.medianResponseSeconds()), hours(then.medianResponseSeconds()),
						"insights.headline.hours", "insights.headline.hours-change"));
	}

	private Headline count(String id, long now, long before) {
		NumberFormat whole = NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale());
		String change;
		if (now == before) {
			change = text("insights.headline.same", whole.format(before));
		}
		else if (before == 0) {
			change = text("insights.headline.from-none");
		}
		else {
			long percent = Math.round(100.0 * Math.abs(now - before) / before);
			change = text(now > before ? "insights.headline.up-percent" : "insights.headline.down-percent",
					whole.format(percent), whole.format(before));
		}
		return new Headline(id, text("insights.headline." + id), whole.format(now), change);
	}

	/** A rate, share or time: one decimal; compared by the difference, in {@code changeKey}'s unit. */
	private Headline rate(String id, Double now, Double before, String valueKey, String changeKey) {
		String value = now == null ? "–" : text(valueKey, decimal(now));
		String change;
		if (before == null) {
			change = text("insights.headline.no-before");
		}
		else if (now == null || decimal(now).equals(decimal(before))) {
			change = now == null ? text("insights.headline.was", text(valueKey, decimal(before)))
					: text("insights.headline.same", text(valueKey, decimal(before)));
		}
		else {
			change = text(now > before ? "insights.headline.up" : "insights.headline.down",
					text(changeKey, decimal(Math.abs(now - before))), text(valueKey, decimal(before)));
		}
		return new Headline(id, text("insights.headline." + id), value, change);
	}

	/** {@code part} per hundred {@code whole}, or {@code null} when there is no whole. */
	private static Double perHundred(long part, long whole) {
		return percent(part, whole);
	}

	private <T> CompletableFuture<T> read(Supplier<T> query) {
		return CompletableFuture.supplyAsync(query, queries);
	}

	/** The query's result, or its own exception (a database error is reported as if the query ran here). */
	private static <T> T join(CompletableFuture<T> result) {
		try {
			return result.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** One figure, reading only what it needs; empty for an unknown name. */
	Optional<Figure> one(String name, Days days) {
		return Optional.ofNullable(switch (name) {
			case "visits", "inquiries", "response", "spam" ->
				weekly(visits.perWeek(days.from(), days.to()), inquiries.perWeek(days.from(), days.to())).stream()
					.filter(figure -> figure.id().equals(name))
					.findFirst()
					.orElseThrow();
			case "visit-sources" -> visitSources(visits.perSource(days.from(), days.to()));
			case "services" -> services(inquiries.perService(days.from(), days.to()));
			case "pages" -> pages(inquiries.perSourcePage(days.from(), days.to()), published());
			case "sites" -> sources("sites", inquiries.perReferringSite(days.from(), days.to()));
			case "campaigns" -> sources("campaigns", inquiries.perCampaign(days.from(), days.to()));
			case "articles" -> articles(visits.perPage(days.from(), days.to()),
					inquiries.perSourcePage(days.from(), days.to()), published());
			case "spam-reasons" -> spamReasons(inquiries.spamPerReason(days.from(), days.to()));
			case "waiting-list" -> waitingList(inquiries.waitingListPerWeek(days.from(), days.to()));
			default -> null;
		});
	}

	private List<Figure> weekly(List<WeeklyVisits> seen, List<WeeklyInquiries> inquiriesPerWeek) {
		Map<LocalDate, WeeklyInquiries> asked = new HashMap<>();
		inquiriesPerWeek.forEach(week -> asked.put(week.weekStarting(), week));
		// the page writes a week by its Monday as people read it; the CSV keeps ISO 8601, which spreadsheets sort
		List<String> weeks = seen.stream().map(week -> dates.date(week.weekStarting())).toList();
		List<String> isoWeeks = seen.stream().map(week -> week.weekStarting().toString()).toList();
		WeeklyInquiries none = new WeeklyInquiries(null, 0, 0, 0, null, null, 0, 0);
		List<WeeklyInquiries> inquiryWeeks = seen.stream()
			.map(week -> asked.getOrDefault(week.weekStarting(), none))
			.toList();

		Figure visitsFigure = new Figure(
				Chart.columns("visits", text("insights.visits.title"),
						columnsDescription("insights.series.visitors", weeks,
								seen.stream().map(week -> (double) week.visitors()).toList()),
						List.of(seen.stream().map(week -> (double) week.views()).toList(),
								seen.stream().map(week -> (double) week.visitors()).toList()),
						weeks, List.of(text("insights.series.views"), text("insights.series.visitors"))),
				headers("insights.col.week", "insights.col.views", "insights.col.visitors"),
				zip(weeks, seen, week -> cells(week.views(), week.visitors())),
				zip(isoWeeks, seen, week -> cells(week.views(), week.visitors())));

		List<Double> perWeek = inquiryWeeks.stream().map(week -> (double) week.inquiries()).toList();
		Function<WeeklyInquiries, List<String>> inquiryCells = week -> List.of(Long.toString(week.inquiries()));
		Figure inquiriesFigure = new Figure(
				Chart.columns("inquiries", text("insights.inquiries.title"),
						columnsDescription("insights.inquiries.title", weeks, perWeek), List.of(perWeek), weeks,
						List.of()),
				headers("insights.col.week", "insights.col.inquiries"), zip(weeks, inquiryWeeks, inquiryCells),
				zip(isoWeeks, inquiryWeeks, inquiryCells));

		List<Double> medians = inquiryWeeks.stream().map(week -> hours(week.medianResponseSeconds())).toList();
		List<Double> p90s = inquiryWeeks.stream().map(week -> hours(week.p90ResponseSeconds())).toList();
		Function<WeeklyInquiries, List<String>> responseCells = week -> List.of(Long.toString(week.answered()),
				decimal(hours(week.medianResponseSeconds())), decimal(hours(week.p90ResponseSeconds())),
				decimal(percent(week.answeredInTime(), week.answered())),
				decimal(percent(week.answeredWithinHour(), week.answered())));
		Figure response = new Figure(
				Chart.columns("response", text("insights.response.title"),
						columnsDescription("insights.response.title", weeks, medians), List.of(medians, p90s), weeks,
						List.of(text("insights.series.median"), text("insights.series.p90"))),
				headers("insights.col.week", "insights.col.answered", "insights.col.median-hours",
						"insights.col.p90-hours", "insights.col.in-time", "insights.col.in-hour"),
				zip(weeks, inquiryWeeks, responseCells), zip(isoWeeks, inquiryWeeks, responseCells));

		List<Double> spam = inquiryWeeks.stream().map(week -> (double) week.spam()).toList();
		Figure spamFigure = new Figure(
				Chart.columns("spam", text("insights.spam.title"),
						columnsDescription("insights.spam.title", weeks, spam), List.of(spam), weeks, List.of()),
				headers("insights.col.week", "insights.col.spam"),
				zip(weeks, inquiryWeeks, week -> List.of(Long.toString(week.spam()))),
				zip(isoWeeks, inquiryWeeks, week -> List.of(Long.toString(week.spam()))));
		return List.of(visitsFigure, inquiriesFigure, response, spamFigure);
	}

	/**
	 * The waiting list's size at the end of each week (the chart), and per week who joined, who was contacted and
	 * the median days they had waited until then (the table).
	 */
	private Figure waitingList(List<WeeklyWaitingList> weeks) {
		List<String> names = weeks.stream().map(week -> dates.date(week.weekStarting())).toList();
		List<String> isoNames = weeks.stream().map(week -> week.weekStarting().toString()).toList();
		List<Double> size = weeks.stream().map(week -> (double) week.waitingAtEnd()).toList();
		Function<WeeklyWaitingList, List<String>> counts = week -> List.of(Long.toString(week.waitingAtEnd()),
				Long.toString(week.joined()), Long.toString(week.contacted()), decimal(week.medianDaysWaited()));
		return new Figure(
				Chart.columns("waiting-list", text("insights.waiting-list.title"),
						columnsDescription("insights.waiting-list.title", names, size), List.of(size), names,
						List.of()),
				headers("insights.col.week", "insights.col.waiting-at-end", "insights.col.joined",
						"insights.col.contacted", "insights.col.median-days-waited"),
				zip(names, weeks, counts), zip(isoNames, weeks, counts));
	}

	private Figure services(List<Count> counts) {
		List<String> names = counts.stream().map(count -> text("inquiry.service." + count.name())).toList();
		return counts(names, counts, "services", "insights.col.service");
	}

	/**
	 * Page views by where the reader came from: the referring site and the link's UTM tags (a visit from no other
	 * site and without tags is "None recorded"); the table has each part in its own column. Its visitors are each
	 * page's unique visitors from that source added up, as they are stored (per page and source), and its header
	 * says so: a reader of two pages counts twice there.
	 */
	private Figure visitSources(List<SourceVisits> sources) {
		String none = text("insights.source.none");
		List<String> names = sources.stream().map(source -> {
			String tags = String.join(" / ", java.util.stream.Stream
				.of(source.utmSource(), source.utmMedium(), source.utmCampaign())
				.filter(tag -> !tag.isEmpty())
				.toList());
			String site = source.referrerHost().isEmpty() ? (tags.isEmpty() ? none : "") : source.referrerHost();
			return site.isEmpty() ? tags : tags.isEmpty() ? site : site + " (" + tags + ")";
		}).toList();
		List<Double> values = sources.stream().map(source -> (double) source.views()).toList();
		String title = text("insights.visit-sources.title");
		return new Figure(Chart.rows("visit-sources", title, rowsDescription(title, names, values), first(names),
				first(values)),
				headers("insights.col.source", "insights.col.referring-site", "insights.col.utm-source",
						"insights.col.utm-medium", "insights.col.utm-campaign", "insights.col.views",
						"insights.col.page-visitors"),
				zip(names, sources, source -> List.of(source.referrerHost(), source.utmSource(), source.utmMedium(),
						source.utmCampaign(), Long.toString(source.views()), Long.toString(source.visitors()))));
	}

	private Figure spamReasons(List<Count> counts) {
		List<String> names = counts.stream()
			.map(count -> count.name().isEmpty() ? text("insights.spam-reasons.by-staff") : count.name())
			.toList();
		return counts(names, counts, "spam-reasons", "insights.col.reason");
	}

	private Figure counts(List<String> names, List<Count> counts, String id, String nameHeader) {
		List<Double> values = counts.stream().map(count -> (double) count.inquiries()).toList();
		String title = text("insights." + id + ".title");
		return new Figure(
				Chart.rows(id, title, rowsDescription(title, names, values), first(names), first(values)),
				headers(nameHeader, "insights.col.inquiries"),
				zip(names, counts, count -> List.of(Long.toString(count.inquiries()))));
	}

	private Figure pages(List<SourceCount> counts, Published published) {
		Map<String, String> former = published.formerPaths();
		Function<String, String> current = pageTitles(published);
		// a source stored under an article's former address or slug is named by the article's title now
		Function<String, String> titles = stored -> {
			String path = stored.startsWith("/") ? stored : ARTICLES + stored;
			String title = current.apply(stored);
			return title != null || !former.containsKey(path) ? title : current.apply(former.get(path));
		};
		return sourceFigure("pages", counts, source -> source.isEmpty() ? text("insights.source.none")
				: titles.apply(source) == null ? source : titles.apply(source));
	}

	private Figure sources(String id, List<SourceCount> counts) {
		return sourceFigure(id, counts, source -> source.isEmpty() ? text("insights.source.none") : source);
	}

	private Figure sourceFigure(String id, List<SourceCount> counts, Function<String, String> naming) {
		List<String> names = counts.stream().map(count -> naming.apply(count.source())).toList();
		List<Double> values = counts.stream().map(count -> (double) count.inquiries()).toList();
		String title = text("insights." + id + ".title");
		return new Figure(Chart.rows(id, title, rowsDescription(title, names, values), first(names), first(values)),
				headers("insights.col.source", "insights.col.inquiries", "insights.col.booked",
						"insights.col.booked-share"),
				zip(names, counts, count -> List.of(Long.toString(count.inquiries()), Long.toString(count.booked()),
						decimal(percent(count.booked(), count.inquiries())))));
	}

	/**
	 * Each article with views or inquiries in the period, one row per article whatever addresses it had: its views
	 * and visitors, the inquiries whose form was opened from it (the form stores the article's path, or its slug when
	 * the person used its call to action), the conversion rate (inquiries per hundred unique visitors) and its former
	 * addresses, whose figures are in its row.
	 */
	private Figure articles(List<PageVisits> pageVisits, List<SourceCount> sources, Published published) {
		// An article is itself, not its address: what was stored under a former address counts under the address
		// it has now, and the table says which addresses it had.
		Map<String, String> former = published.formerPaths();
		Function<String, String> now = path -> former.getOrDefault(path, path);
		Map<String, Long> inquiriesBySource = new HashMap<>();
		sources.forEach(source -> {
			String path = source.source().startsWith("/") ? source.source() : ARTICLES + source.source();
			inquiriesBySource.merge(now.apply(path), source.inquiries(), Long::sum);
		});
		Map<String, PageVisits> viewed = new HashMap<>();
		pageVisits.stream()
			.filter(page -> page.path().startsWith(ARTICLES))
			.forEach(page -> viewed.merge(now.apply(page.path()),
					new PageVisits(now.apply(page.path()), page.views(), page.visitors()),
					(a, b) -> new PageVisits(a.path(), a.views() + b.views(), a.visitors() + b.visitors())));
		Map<String, Set<String>> history = new HashMap<>();
		former.forEach((old, current) -> history.computeIfAbsent(current, key -> new TreeSet<>()).add(old));
		Function<String, String> titles = pageTitles(published);
		Set<String> paths = new TreeSet<>(viewed.keySet());
		published.pages().stream().map(PublishedPage::path).filter(path -> path.startsWith(ARTICLES))
			.forEach(paths::add);
		record Article(String name, long views, long visitors, long inquiries, Double conversion, String formerly) {
		}
		List<Article> articles = paths.stream().map(path -> {
			PageVisits page = viewed.getOrDefault(path, new PageVisits(path, 0, 0));
			long asked = inquiriesBySource.getOrDefault(path, 0L);
			String title = titles.apply(path);
			return new Article(title == null ? path : title, page.views(), page.visitors(), asked,
					percent(asked, page.visitors()), String.join(" ", history.getOrDefault(path, Set.of())));
		})
			.filter(article -> article.views() > 0 || article.inquiries() > 0)
			.sorted(Comparator.comparingLong(Article::views).reversed().thenComparing(Article::name))
			.toList();
		List<String> names = articles.stream().map(Article::name).toList();
		List<Double> conversion = articles.stream().map(Article::conversion).toList();
		String title = text("insights.articles.title");
		return new Figure(
				Chart.rows("articles", title, rowsDescription(title, names, conversion), first(names),
						first(conversion)),
				headers("insights.col.article", "insights.col.views", "insights.col.visitors",
						"insights.col.inquiries", "insights.col.conversion", "insights.col.former-addresses"),
				articles.stream()
					.map(article -> List.of(article.name(), Long.toString(article.views()),
							Long.toString(article.visitors()), Long.toString(article.inquiries()),
							decimal(article.conversion()), article.formerly()))
					.toList());
	}

	/** A page's title from where the form stored it: a path, a bare slug, or {@code home}; null if not published. */
	private Function<String, String> pageTitles(Published published) {
		Map<String, String> byPath = new HashMap<>();
		Map<String, String> bySlug = new HashMap<>();
		published.pages().forEach(page -> {
			byPath.putIfAbsent(page.path(), page.title());
			bySlug.putIfAbsent(page.path().substring(page.path().lastIndexOf('/') + 1), page.title());
		});
		String home = text("insights.source.home");
		return stored -> {
			if (stored.equals("home") || stored.equals("/")) {
				return home;
			}
			return stored.startsWith("/") ? byPath.get(stored) : bySlug.get(stored);
		};
	}

	/**
	 * Every feature's published pages and former addresses (each with the address its page has now), read once per
	 * view: naming the sources and the articles asks for them three times.
	 */
	private Published published() {
		Map<String, String> former = new HashMap<>();
		content.forEach(source -> former.putAll(source.formerPaths()));
		return new Published(content.stream().flatMap(source -> source.publishedPages().stream()).toList(), former);
	}

	private record Published(List<PublishedPage> pages, Map<String, String> formerPaths) {
	}

	private String columnsDescription(String titleKey, List<String> weeks, List<Double> values) {
		if (weeks.isEmpty() || values.stream().allMatch(value -> value == null || value == 0)) {
			return text("insights.desc.empty", text(titleKey));
		}
		int highest = 0;
		for (int i = 1; i < values.size(); i++) {
			if (values.get(i) != null && (values.get(highest) == null || values.get(i) > values.get(highest))) {
				highest = i;
			}
		}
		return text("insights.desc.columns", text(titleKey), weeks.get(0), weeks.get(weeks.size() - 1),
				Chart.number(values.get(highest)), weeks.get(highest));
	}

	private String rowsDescription(String title, List<String> names, List<Double> values) {
		if (names.isEmpty()) {
			return text("insights.desc.empty", title);
		}
		int largest = 0;
		for (int i = 1; i < values.size(); i++) {
			if (values.get(i) != null && (values.get(largest) == null || values.get(i) > values.get(largest))) {
				largest = i;
			}
		}
		return text("insights.desc.rows", title, Integer.toString(names.size()), names.get(largest),
				values.get(largest) == null ? "–" : Chart.number(values.get(largest)));
	}

	private List<String> headers(String... keys) {
		return Arrays.stream(keys).map(this::text).toList();
	}

	private static List<String> cells(Object... values) {
		return Arrays.stream(values).map(String::valueOf).toList();
	}

	/** Rows of a name column followed by the cells each item gives. */
	private static <T> List<List<String>> zip(List<String> names, List<T> items, Function<T, List<String>> cells) {
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			List<String> row = new ArrayList<>();
			row.add(names.get(i));
			row.addAll(cells.apply(items.get(i)));
			rows.add(List.copyOf(row));
		}
		return rows;
	}

	private static <T> List<T> first(List<T> items) {
		return items.size() <= CHART_ROWS ? items : items.subList(0, CHART_ROWS);
	}

	private static Double hours(Double seconds) {
		return seconds == null ? null : seconds / 3600;
	}

	/** {@code part} per hundred {@code whole}, or {@code null} when there is no whole to divide by. */
	private static Double percent(long part, long whole) {
		return whole == 0 ? null : 100.0 * part / whole;
	}

	/** One decimal, a dot for the decimal point; empty for no value. */
	private static String decimal(Double value) {
		return value == null ? "" : BigDecimal.valueOf(value)
			.setScale(1, RoundingMode.HALF_UP)
			.toPlainString();
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}
