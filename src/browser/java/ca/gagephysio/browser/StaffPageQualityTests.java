package ca.gagephysio.browser;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.fees.SavedFees;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.ConsentWordings;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.notification.SubmittedInquiries;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every back-office page, signed in as the test administrator (whom the test configuration creates at first start),
 * held to the same bar as the public pages ({@link PageCheck}): the inbox with an inquiry in it and with none, an
 * inquiry, the inbox showing a possible duplicate, an inquiry with a linked source page and its consent's words, the
 * accounts, the access trail, the password page, the right-of-access page, and the forms' error states.
 * The article pages too: the list, the editor (new, existing, with errors), the revisions, a preview and the page
 * two saves of one article lead to. The reply templates (list, new, in the editor) and an inquiry's reply page
 * (blank, from a template, with errors). The team: the list, a clinician's editor and form (new, with errors, with a
 * photo), a bio's revisions, and a front-desk change to a published bio waiting for an administrator. The fees: the
 * editor, its saved versions and one version. An inquiry with a longer timeline is checked by {@code StaffJourneyTests},
 * a reply's preview and a call by {@code ReplyJourneyTests}.
 * <p>
 * The administrator signs in once for the class (both steps, see {@link BackOffice#openSignedIn}); each test gets
 * that session back instead of signing in again, since its subject is the page behind the sign-in. Signing in is
 * checked where it is the subject: here on the second step's own pages, and in the journeys.
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class StaffPageQualityTests {

	@LocalServerPort
	int port;

	@Autowired
	ca.gagephysio.SettableClock clock;

	@Value("${clinic.admin.email}")
	String adminEmail;

	@Value("${clinic.admin.password}")
	String adminPassword;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ConsentWordings consentWordings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	Inquiry inquiry;

	Inquiry duplicate;

	Inquiry followedUp;

	Inquiry answered;

	@Autowired
	ca.gagephysio.inquiry.InquiryAnswers answers;

	long template;

	/**
	 * The administrator's sign-in, made by the first test that needs it and put back for the others, whose subject is
	 * the page, not the way in (the refusal page and the second step's pages sign in as other accounts themselves).
	 */
	private static BackOffice.KeptSignIn administrator;

	/** One line per page: a name for the report and its path, where {inquiry} is an inquiry just received. */
	static Stream<Arguments> pages() {
		return Stream.of(page("the inbox", "/staff/inquiries"),
				page("the inbox when nothing matches", "/staff/inquiries?q=nobody-by-this-name"),
				page("an inquiry", "/staff/inquiries/{inquiry}"),
				page("the inbox with a possible duplicate", "/staff/inquiries?q={duplicateReference}"),
				page("an inquiry from an article, a possible duplicate, with its consent wording",
						"/staff/inquiries/{duplicate}"),
				page("an inquiry back from snooze, with a reminder set and someone else looking",
						"/staff/inquiries/{followedUp}"),
				page("the inbox with an inquiry back from snooze", "/staff/inquiries?q={followedUpReference}"),
				page("an inquiry with the patient's answer in its timeline (quoted history folded, an attachment left "
						+ "in the mailbox)", "/staff/inquiries/{answered}"),
				page("the inbox with an unread answer, waiting for us", "/staff/inquiries?q={answeredReference}"),
				page("the staff accounts", "/staff/users"),
				page("the access trail", "/staff/audit"), page("the password page", "/staff/password"),
				page("sign-in and security", "/staff/account/security"),
				page("my account", "/staff/account"),
				page("the right-of-access page", "/staff/inquiries/access-request"),
				page("the right-of-access page when no one is found", "/staff/inquiries/access-request?notFound"),
				page("the article list", "/staff/articles"), page("a new article", "/staff/articles/new"),
				page("an article in the editor", "/staff/articles/{article}"),
				page("an article's revisions", "/staff/articles/{article}/revisions"),
				page("the team", "/staff/team"), page("adding a clinician", "/staff/team/new"),
				page("a clinician's bio revisions", "/staff/team/{clinician}/revisions"),
				page("the clinic facts", "/staff/settings"), page("the reply templates", "/staff/templates"),
				page("the next opening for new clients", "/staff/availability"),
				page("the inbox's waiting list", "/staff/inquiries?list=waiting"),
				page("the fees editor before any fees are saved", "/staff/fees"),
				page("the fees' saved versions", "/staff/fees/history"),
				page("a new reply template", "/staff/templates/new"),
				page("a reply template in the editor", "/staff/templates/{template}"),
				page("the reply page", "/staff/inquiries/{inquiry}/reply"),
				page("the reply page with a template", "/staff/inquiries/{inquiry}/reply?template={template}"),
				page("the outbox (emails waiting)", "/staff/outbox"),
				page("the insights with a period that cannot be read",
						"/staff/insights?range=CUSTOM&from=2019-13-45&to=soon"),
				page("the insights over a period with nothing in it",
						"/staff/insights?range=CUSTOM&from=2001-01-01&to=2001-01-31"));
	}

	@BeforeEach
	void receiveAnInquiry() {
		if (administrator == null) {
			administrator = new BackOffice.KeptSignIn(adminEmail, adminPassword);
		}
		inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Jordan Whitfield",
				"jordan.whitfield@example.com", "Do you bill my insurer directly?");
		duplicate = inquiries.save(sentAgainFromTheArticle(inquiry));
		template = aReplyTemplate();
		followedUp = aFollowedUpInquiry();
		answered = anAnsweredInquiry();
	}

	/**
	 * An inquiry the patient answered by email, recorded as the mailbox reader records it (through the published
	 * {@code InquiryAnswers}): a new text above quoted history and a signature (folded on the page), an accented name,
	 * and an attachment left in the mailbox; the inquiry is then unread and "waiting for us" in the inbox.
	 */
	private Inquiry anAnsweredInquiry() {
		Inquiry asked = new SubmittedInquiries(inquiries, events, transactionManager).submit("Chloé Bérubé",
				"chloe.berube@example.com", "Is there parking near the clinic?");
		String key = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
		String folded = """
				--
				Chloé Bérubé

				On Monday, the clinic wrote:
				> Yes, there is free parking behind the building.""";
		answers.record(asked.getId(),
				new ca.gagephysio.inquiry.PatientAnswer(key, clock.instant(), "Chloé Bérubé",
						"chloe.berube@example.com", "Re: Your inquiry " + asked.getReference(),
						"Thank you! Could I come Thursday after work? My referral is attached.", folded,
						"Thank you! Could I come Thursday after work? My referral is attached.\n\n" + folded, 1,
						"<" + key + "@patient.example>"));
		return asked;
	}

	/**
	 * An inquiry snoozed until a moment ago (back, flagged), with a follow-up reminder set for tomorrow, that another
	 * member of staff opened a minute ago: every follow-up and collision state of the inquiry page at once.
	 */
	private Inquiry aFollowedUpInquiry() {
		Inquiry followed = new SubmittedInquiries(inquiries, events, transactionManager).submit("Morgan Followup",
				"morgan.followup@example.com", "Can I come on a Saturday?");
		Instant now = clock.instant();
		jdbc.sql("update inquiry set snoozed_until = ?, remind_at = ? where id = ?")
			.params(java.sql.Timestamp.from(now.minusSeconds(60)), java.sql.Timestamp.from(now.plusSeconds(86_400)),
					followed.getId())
			.update();
		jdbc.sql("insert into inquiry_presence (inquiry_id, staff_account_id, display_name, seen_at) values (?, ?, ?, ?)")
			.params(followed.getId(), -1L, "Casey Colleague", java.sql.Timestamp.from(now.minusSeconds(60)))
			.update();
		return followed;
	}

	/** A reply template for the inquiry's service, so the reply page offers it among the suggested ones. */
	private long aReplyTemplate() {
		String name = "Availability " + UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("insert into reply_template (name, subject, body, service, asking_about, updated_at, updated_by) "
				+ "values (?, 'Your inquiry {reference}', ?, 'BACK_PAIN', null, current_timestamp, 'Browser Test')")
			.params(name, "Hello {firstName},\n\nThank you for asking. Call us at {clinicPhone}; we are open "
					+ "{clinicHours}.\n\n{clinicName}")
			.update();
		return jdbc.sql("select id from reply_template where name = ?").param(name).query(Long.class).single();
	}

	/**
	 * The same person writing again from the back-pain article (as after pressing Back and Send), flagged as the form
	 * flags it, agreeing to a consent wording that is kept: the duplicate marker, the linked source page and the
	 * consent's words are then on the pages checked.
	 */
	private Inquiry sentAgainFromTheArticle(Inquiry first) {
		Instant now = Instant.now();
		String version = "sha256:browser-" + UUID.randomUUID().toString().substring(0, 8);
		consentWordings.record(version,
				"I agree that the clinic may store these details and use them to answer my inquiry, as described in "
						+ "the [privacy notice](/privacy).",
				now);
		Inquiry again = new Inquiry(SubmittedInquiries.uniqueReference(), null,
				new Inquiry.Contact(first.getName(), first.getEmail(), first.getPhone()),
				new Inquiry.Request(HelpWith.BACK_PAIN, AskingAbout.COST, BestTime.MORNING, "Sorry, sent twice."),
				new Inquiry.Consent(now, version),
				new Inquiry.Source("massage-for-back-pain", null, null, null, null, null, null), now,
				SubmittedInquiries.CLINIC_ZONE);
		again.flagPossibleDuplicateOf(first.getId());
		return again;
	}

	@AfterAll
	static void forgetTheSignIn() {
		administrator = null;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pages")
	void meetsTheAccessibilityValidityAndLayoutBar(String name, String path, Chromium chromium) {
		Chromium.Document document = signedIn(chromium, path.replace("{inquiry}", inquiry.getId().toString())
			.replace("{duplicate}", duplicate.getId().toString())
			.replace("{duplicateReference}", duplicate.getReference())
			.replace("{followedUpReference}", followedUp.getReference())
			.replace("{followedUp}", followedUp.getId().toString())
			.replace("{answeredReference}", answered.getReference())
			.replace("{answered}", answered.getId().toString())
			.replace("{template}", Long.toString(template))
			.replace("{article}", String.valueOf(seedArticle()))
			.replace("{clinician}", String.valueOf(seedClinician())));

		assertThat(document.status()).as("status of %s", path).isEqualTo(200);
		new PageCheck(chromium).assertMeetsTheBar(name, document);
	}

	/**
	 * The inquiry page on a 390 px phone: one column (each label above its value, the follow-up under the facts),
	 * nothing to scroll sideways, and no word broken in the middle to squeeze a column (each word of four letters or
	 * more, but addresses and links, lies on one line).
	 */
	@Test
	void theInquiryPageReadsInOneColumnAt390PixelsWithEveryWordWhole(Chromium chromium) {
		signedIn(chromium, "/staff/inquiries/" + duplicate.getId());
		chromium.emulateViewport(390, 844, 3, true);
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> layout = (Map<String, Object>) chromium.script("""
					const root = document.documentElement;
					const dt = document.querySelector('.facts dt'), dd = document.querySelector('.facts dd');
					const columns = [...document.querySelectorAll('.detail-grid > *')].map(e => e.getBoundingClientRect().left);
					const broken = [];
					const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
					for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					  const text = node.textContent;
					  const word = /[^\\s]+/g;
					  for (let match = word.exec(text); match; match = word.exec(text)) {
					    if (match[0].length < 4 || /[@\\/.:]/.test(match[0])) continue;
					    const range = document.createRange();
					    range.setStart(node, match.index);
					    range.setEnd(node, match.index + match[0].length);
					    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
					    if (lines.size > 1) broken.push(match[0]);
					  }
					}
					return {viewport: root.clientWidth, content: root.scrollWidth,
					        labelAbove: dd.getBoundingClientRect().top >= dt.getBoundingClientRect().bottom - 1,
					        oneColumn: new Set(columns.map(Math.round)).size === 1, broken: broken.slice(0, 10).join(', ')};
					""");
			chromium.screenshot("an inquiry at 390 px");
			assertThat(((Number) layout.get("content")).intValue()).as("nothing to scroll sideways at 390 px")
				.isLessThanOrEqualTo(((Number) layout.get("viewport")).intValue());
			assertThat(layout.get("labelAbove")).as("each label above its value").isEqualTo(true);
			assertThat(layout.get("oneColumn")).as("the facts and the follow-up in one column").isEqualTo(true);
			assertThat(layout.get("broken")).as("words broken in the middle").isEqualTo("");
		}
		finally {
			chromium.resetViewport();
		}
	}

	@Test
	void thePasswordFormWithErrorsMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/password");

		Chromium.Document errors = chromium
			.navigateBy(() -> chromium.driver().findElement(By.cssSelector("main button[type=submit]")).click());

		assertThat(chromium.driver().findElements(By.cssSelector("[aria-invalid=true]"))).isNotEmpty();
		new PageCheck(chromium).assertMeetsTheBar("the password form with errors", errors);
	}

	@Test
	void theNewAccountFormWithErrorsMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/users");

		Chromium.Document errors = chromium.navigateBy(
				() -> chromium.driver().findElement(By.cssSelector("form[action$='/staff/users'] button")).click());

		assertThat(chromium.driver().findElements(By.cssSelector("[aria-invalid=true]"))).isNotEmpty();
		new PageCheck(chromium).assertMeetsTheBar("the new-account form with errors", errors);
	}

	/**
	 * The owner's insights with figures in every chart: this week's inquiries from the set-up, and a week of visits
	 * to an article before today (replaced on each run, so the test can run again on the same database; today's rows
	 * are the visit counter's, which may write them at any moment).
	 */
	@Test
	void theInsightsWithTheirChartsMeetTheBar(Chromium chromium) {
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/Toronto"));
		jdbc.sql("delete from visit_page_day where visit_day > ? and visit_day < ?").params(today.minusDays(8), today).update();
		jdbc.sql("delete from visit_site_day where visit_day > ? and visit_day < ?").params(today.minusDays(8), today).update();
		for (int back = 1; back <= 7; back++) {
			jdbc.sql("insert into visit_page_day (visit_day, path, views, visitors) values (?, ?, ?, ?)")
				.params(today.minusDays(back), "/articles/massage-for-back-pain", 40 + back, 20 + back)
				.update();
			jdbc.sql("insert into visit_site_day (visit_day, views, visitors) values (?, ?, ?)")
				.params(today.minusDays(back), 90 + back, 50 + back)
				.update();
		}
		Chromium.Document insights = signedIn(chromium, "/staff/insights?range=WEEKS_4");

		assertThat(insights.status()).isEqualTo(200);
		assertThat(chromium.driver().findElements(By.cssSelector("svg[role=img] rect"))).isNotEmpty();
		new PageCheck(chromium).assertMeetsTheBar("the insights with their charts", insights);

		// dates the wrong way round: both marked wrong and described by the reason listed under them
		Chromium.Document backwards = chromium.open(url("/staff/insights?range=CUSTOM&from=2019-03-01&to=2019-02-01"));
		assertThat(chromium.driver().findElement(By.id("to")).getDomAttribute("aria-describedby")).isEqualTo("period-error");
		new PageCheck(chromium).assertMeetsTheBar("the insights with dates the wrong way round", backwards);
	}

	/** The back office's own refusal page, as a front-desk account sees it on an administrator's page. */
	@Test
	void theRefusalPageMeetsTheBar(Chromium chromium) {
		String frontDesk = StaffTestAccounts.create(accounts, "Casey Front-Desk", StaffRole.STAFF);
		new BackOffice(chromium, url(""), clock).signIn(frontDesk, StaffTestAccounts.PASSWORD);

		Chromium.Document refused = chromium.open(url("/staff/users"));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(chromium.driver().findElement(By.cssSelector("main")).getText())
			.contains("Not open to your account");
		new PageCheck(chromium).assertMeetsTheBar("the refusal page", refused);
	}

	@Test
	void theArticleEditorWithErrorsMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/articles/new");

		Chromium.Document errors = chromium.navigateBy(() -> saveButton(chromium).click());

		assertThat(chromium.driver().findElements(By.cssSelector(".error-summary a[href='#title']"))).isNotEmpty();
		new PageCheck(chromium).assertMeetsTheBar("the article editor with errors", errors);
	}

	@Test
	void theReplyPageWithErrorsMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/inquiries/" + inquiry.getId() + "/reply");
		chromium.driver().findElement(By.id("body")).sendKeys("Hello {name}, it costs {price}.");

		Chromium.Document errors = chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("form[method=post][action$='/reply'] button[type=submit]:not([formaction])"))
			.click());

		assertThat(chromium.driver().findElements(By.cssSelector(".error-summary a[href='#subject']"))).isNotEmpty();
		assertThat(chromium.driver().findElements(By.cssSelector(".error-summary a[href='#body']"))).isNotEmpty();
		assertThat(chromium.driver().findElement(By.id("body")).getAttribute("value"))
			.isEqualTo("Hello {name}, it costs {price}.");
		new PageCheck(chromium).assertMeetsTheBar("the reply page with errors", errors);
	}

	/** Nothing is saved: the form comes back with its errors, so the shared defaults stay in force. */
	@Test
	void theClinicFactsFormWithErrorsMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/settings");
		chromium.driver().findElement(By.id("postalCode")).clear();
		chromium.driver().findElement(By.id("postalCode")).sendKeys("90210");
		chromium.driver().findElement(By.id("phone")).clear();

		Chromium.Document errors = chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("form[action$='/staff/settings'] button[type=submit]"))
			.click());

		assertThat(chromium.driver().findElements(By.cssSelector(".error-summary a[href='#postalCode']"))).isNotEmpty();
		assertThat(chromium.driver().findElement(By.id("postalCode")).getAttribute("value")).isEqualTo("90210");
		new PageCheck(chromium).assertMeetsTheBar("the clinic facts form with errors", errors);
	}

	/** Nothing is saved by a copy: the form comes back with Monday's hours on every weekday, to be checked and saved. */
	@Test
	void theClinicFactsWithOneDaysHoursCopiedMeetTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/settings");
		String mondayCloses = chromium.driver().findElement(By.id("days0.closes")).getAttribute("value");

		Chromium.Document copied = chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("button[name=copyHoursFrom][value=MONDAY]"))
			.click());

		assertThat(chromium.driver().findElement(By.id("hours-copied")).getText())
			.startsWith("Monday's hours are now on every weekday");
		assertThat(chromium.driver().findElement(By.id("days4.closes")).getAttribute("value")).isEqualTo(mondayCloses);
		new PageCheck(chromium).assertMeetsTheBar("the clinic facts with Monday's hours copied", copied);
	}

	/** Nothing is saved: an empty service comes back with its errors, so no fees page is published. */
	@Test
	void theFeesEditorWithErrorsMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/fees");
		chromium.driver().findElement(By.id("services0.price")).sendKeys("ninety");

		Chromium.Document errors = chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("form[action$='/staff/fees'] button[name=save]"))
			.click());

		assertThat(chromium.driver().findElements(By.cssSelector(".error-summary a[href='#services0.name']")))
			.isNotEmpty();
		assertThat(chromium.driver().findElement(By.id("services0.price")).getAttribute("value")).isEqualTo("ninety");
		assertThat(chromium.driver().findElement(By.id("services0.price")).getDomAttribute("aria-invalid"))
			.isEqualTo("true");
		new PageCheck(chromium).assertMeetsTheBar("the fees editor with errors", errors);
	}

	@Test
	void anArticlesPreviewMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/articles/new");
		writeADraft(chromium, "Preview check " + System.nanoTime());

		Chromium.Document preview = chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("main button[formaction$='/preview']"))
			.click());

		assertThat(chromium.driver().findElements(By.cssSelector(".cta-box .button"))).hasSize(1);
		new PageCheck(chromium).assertMeetsTheBar("an article's preview", preview);
	}

	@Test
	void theConflictPageMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/articles/new");
		writeADraft(chromium, "Conflict check " + System.nanoTime());
		String opened = chromium.driver().findElement(By.id("version")).getAttribute("value");
		chromium.navigateBy(() -> saveButton(chromium).click());
		addToBody(chromium, " Someone else's words.");
		chromium.navigateBy(() -> saveButton(chromium).click());
		// This editor was opened before the save above: it still carries the older version.
		chromium.script("document.getElementById('version').value = arguments[0]", opened);
		addToBody(chromium, " My words.");

		Chromium.Document conflict = chromium.navigateBy(() -> saveButton(chromium).click());

		assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).contains("Someone else saved");
		new PageCheck(chromium).assertMeetsTheBar("the article conflict page", conflict);
	}

	/** Writes a short draft through the new article's editor, open in the browser, and stays on its editor page. */
	private void writeADraft(Chromium chromium, String title) {
		chromium.driver().findElement(By.id("title")).sendKeys(title);
		chromium.driver().findElement(By.id("summary")).sendKeys("A page used by the browser checks.");
		addToBody(chromium, "::: inquire Questions about a visit?\n:::\n\n## A section\n\nNeutral words.");
		chromium.navigateBy(() -> saveButton(chromium).click());
		assertThat(chromium.driver().getCurrentUrl()).matches(".*/staff/articles/\\d+");
	}

	/**
	 * Adds text at the end of the article's body: through EasyMDE's editor (CodeMirror 5, whose instance sits on its
	 * wrapper element) when it is on the page, which keeps the text area in step for the form; else into the plain
	 * text area. Typing with the keyboard is ContentJourneyTests' part; these checks are about the pages.
	 */
	private static void addToBody(Chromium chromium, String text) {
		Object added = chromium.script("""
				var wrapper = document.querySelector('.EasyMDEContainer .CodeMirror');
				if (!wrapper || !wrapper.CodeMirror) { return false; }
				var cm = wrapper.CodeMirror;
				cm.replaceRange(arguments[0], { line: cm.lastLine() });
				cm.save();
				return true;""", text);
		if (!Boolean.TRUE.equals(added)) {
			chromium.driver().findElement(By.id("bodyMarkdown")).sendKeys(text);
		}
	}

	private static org.openqa.selenium.WebElement saveButton(Chromium chromium) {
		return chromium.driver().findElement(By.cssSelector("main form.stacked-form button[type=submit]:not([formaction])"));
	}

	private long seedArticle() {
		return jdbc.sql("select id from article where slug = 'massage-for-back-pain'").query(Long.class).single();
	}

	private long seedClinician() {
		return jdbc.sql("select id from team_member where slug = 'valerie-van-woudenberg'").query(Long.class).single();
	}

	/**
	 * A front-desk change to a published bio, which waits for an administrator (issue 21): the editor as the front
	 * desk sees it just after saving, then the team list, the editor with the change waiting (publish and discard
	 * buttons) and the bio's revisions as an administrator sees them. The change is discarded at the end, through
	 * the administrator's own button, so the seed bio is as it was for the other checks.
	 */
	@Test
	void aBioChangeWaitingForAnAdministratorAndTheBioRevisionsMeetTheBar(Chromium chromium) {
		long clinician = seedClinician();
		PageCheck check = new PageCheck(chromium);
		String frontDesk = StaffTestAccounts.create(accounts, "Jamie Front-Desk", StaffRole.STAFF);
		new BackOffice(chromium, url(""), clock).signIn(frontDesk, StaffTestAccounts.PASSWORD);
		chromium.open(url("/staff/team/" + clinician));
		chromium.driver().findElement(By.id("bio")).sendKeys("\n\nA sentence the front desk added.");

		Chromium.Document saved = chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("main form.stacked-form button[type=submit]"))
			.click());

		assertThat(saved.url()).isEqualTo(url("/staff/team/" + clinician));
		// the editor says the change waits, and opens with it (the flash is the layout's, outside main)
		assertThat(chromium.driver().findElement(By.cssSelector("main")).getText())
			.contains("wait for an administrator to publish them", "A sentence the front desk added.");
		check.assertMeetsTheBar("a published bio just changed by the front desk, waiting", saved);

		chromium.startOver();
		Chromium.Document team = signedIn(chromium, "/staff/team");
		assertThat(chromium.driver().findElement(By.cssSelector("main")).getText())
			.contains("Changes wait for an administrator");
		check.assertMeetsTheBar("the team with a bio change waiting", team);
		Chromium.Document waiting = chromium.open(url("/staff/team/" + clinician));
		assertThat(chromium.driver()
			.findElements(By.cssSelector("form[action$='/draft/publish'] button, form[action$='/draft/discard'] button")))
			.hasSize(2);
		check.assertMeetsTheBar("a published bio with a front-desk change waiting for an administrator", waiting);
		Chromium.Document revisions = chromium.open(url("/staff/team/" + clinician + "/revisions"));
		assertThat(chromium.driver().findElement(By.cssSelector("main")).getText())
			.contains("Waits for an administrator");
		check.assertMeetsTheBar("a bio's revisions with a change waiting", revisions);

		chromium.open(url("/staff/team/" + clinician));
		chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("form[action$='/draft/discard'] button"))
			.click());
		assertThat(jdbc.sql("select count(*) from team_member where id = ? and draft_revision is null")
			.param(clinician).query(Long.class).single()).as("the change discarded").isEqualTo(1L);
	}

	/** The fees' saved versions and one version, once an administrator saved fees (issue 22); forgotten after. */
	@Test
	void theFeesSavedVersionsAndOneVersionMeetTheBar(Chromium chromium) {
		SavedFees.publishExample(context);
		try {
			PageCheck check = new PageCheck(chromium);
			Chromium.Document history = signedIn(chromium, "/staff/fees/history");
			assertThat(history.status()).isEqualTo(200);
			assertThat(chromium.driver().findElements(By.cssSelector("main a[href$='/staff/fees/history/1']")))
				.isNotEmpty();
			check.assertMeetsTheBar("the fees' saved versions, one saved", history);
			Chromium.Document version = chromium.open(url("/staff/fees/history/1"));
			assertThat(version.status()).isEqualTo(200);
			check.assertMeetsTheBar("a saved version of the fees", version);
		}
		finally {
			SavedFees.forget(context);
		}
	}

	@Test
	void theClinicianEditorMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/team");
		String editor = chromium.driver().findElement(By.linkText("Valerie van Woudenberg")).getAttribute("href");

		new PageCheck(chromium).assertMeetsTheBar("editing a clinician", chromium.open(editor));
	}

	@Test
	void theClinicianFormWithErrorsMeetsTheBar(Chromium chromium) {
		signedIn(chromium, "/staff/team/new");

		Chromium.Document errors = chromium
			.navigateBy(() -> chromium.driver().findElement(By.cssSelector("main button[type=submit]")).click());

		assertThat(errors.status()).isEqualTo(200);
		assertThat(chromium.driver().findElements(By.cssSelector(".error-summary a"))).isNotEmpty();
		assertThat(chromium.driver().findElements(By.cssSelector("[aria-invalid=true]"))).isNotEmpty();
		new PageCheck(chromium).assertMeetsTheBar("the clinician form with errors", errors);
	}

	/** A real multipart upload through the browser and the container (CSRF token in the multipart body). */
	@Test
	void aClinicianWithAPhotoIsAddedThroughTheBrowserAndTheFormWithAPhotoMeetsTheBar(Chromium chromium)
			throws Exception {
		java.nio.file.Path photo = java.nio.file.Files.createTempFile("clinician-", ".jpg");
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1200, 900,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		javax.imageio.ImageIO.write(image, "jpg", photo.toFile());
		signedIn(chromium, "/staff/team/new");
		var driver = chromium.driver();
		driver.findElement(By.id("name")).sendKeys("Browser Test Clinician");
		driver.findElement(By.id("photo")).sendKeys(photo.toString());

		// No title, profession or bio: the form comes back with errors and the photo kept.
		Chromium.Document kept = chromium
			.navigateBy(() -> driver.findElement(By.cssSelector("main button[type=submit]")).click());

		assertThat(driver.findElements(By.cssSelector("fieldset img[srcset]"))).hasSize(1);
		assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Browser Test Clinician");
		new PageCheck(chromium).assertMeetsTheBar("the clinician form with a photo kept", kept);

		driver.findElement(By.id("jobTitle")).sendKeys("Physiotherapist");
		driver.findElement(By.id("profession")).sendKeys("Physiotherapist");
		driver.findElement(By.id("bio")).sendKeys("A bio written by the browser test.");
		driver.findElement(By.id("photoAlt")).sendKeys("A plain black test picture");
		chromium.navigateBy(() -> driver.findElement(By.cssSelector("main button[type=submit]")).click());

		assertThat(driver.getCurrentUrl()).isEqualTo(url("/staff/team"));
		assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("Browser Test Clinician");
		java.nio.file.Files.delete(photo);
	}

	/** The second step, the authenticator-app set-up and the recovery codes shown once, as a new account meets them. */
	@Test
	void theSecondFactorPagesMeetTheBar(Chromium chromium) {
		String newcomer = StaffTestAccounts.create(accounts, "Robin Second-Step", StaffRole.STAFF);
		BackOffice backOffice = new BackOffice(chromium, url(""), clock);
		PageCheck check = new PageCheck(chromium);
		Chromium.Document enrol = backOffice.signInWithPassword(newcomer, StaffTestAccounts.PASSWORD);
		assertThat(enrol.url()).isEqualTo(url("/staff/account/security"));
		check.assertMeetsTheBar("sign-in and security, enrolling a first factor", enrol);

		Chromium.Document setUp = chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("form[action='/staff/account/security/app'] button"))
			.click());
		check.assertMeetsTheBar("setting up an authenticator app", setUp);
		chromium.driver().findElement(By.id("code")).sendKeys("000000");
		Chromium.Document wrong = chromium.navigateBy(
				() -> chromium.driver().findElement(By.cssSelector("main form button[type=submit]")).click());
		check.assertMeetsTheBar("setting up an authenticator app, the code wrong", wrong);

		StaffTestAccounts.rememberAppKey(newcomer, chromium.driver().findElement(By.id("app-key")).getText());
		chromium.driver().findElement(By.id("code")).sendKeys(StaffTestAccounts.nextCode(clock, newcomer));
		Chromium.Document codes = chromium.navigateBy(
				() -> chromium.driver().findElement(By.cssSelector("main form button[type=submit]")).click());
		assertThat(codes.url()).isEqualTo(url("/staff/account/security/recovery-codes"));
		check.assertMeetsTheBar("the recovery codes, shown once", codes);

		chromium.startOver();
		Chromium.Document step = backOffice.signInWithPassword(newcomer, StaffTestAccounts.PASSWORD);
		assertThat(step.url()).isEqualTo(url("/staff/second-factor"));
		check.assertMeetsTheBar("the second step", step);
		Chromium.Document recovery = chromium.navigateBy(
				() -> chromium.driver().findElement(By.cssSelector("a[href='/staff/second-factor?recovery=code']")).click());
		// before the bar's own checks, which move the focus through the page
		assertThat(chromium.driver().switchTo().activeElement().getDomAttribute("id"))
			.as("the code field, focused first").isEqualTo("code");
		check.assertMeetsTheBar("the second step, with a recovery code", recovery);
		chromium.driver().findElement(By.id("code")).sendKeys("not a code");
		Chromium.Document refused = chromium.navigateBy(
				() -> chromium.driver().findElement(By.cssSelector("main form button[type=submit]")).click());
		check.assertMeetsTheBar("the second step, the code wrong", refused);
	}

	/** Opens a back-office page as the administrator, with the class's one sign-in. */
	private Chromium.Document signedIn(Chromium chromium, String path) {
		return new BackOffice(chromium, url(""), clock).openSignedIn(administrator, path);
	}

	private static Arguments page(String name, String path) {
		return Arguments.of(name, path);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}
