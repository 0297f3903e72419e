package ca.gagephysio.inquiry.reply;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The reply templates page through the real path (mapping, binding, validation, security, CSRF): an administrator
 * keeps the templates, a front-desk account cannot change them by any address.
 */
@ClinicIntegrationTest
class ReplyTemplatePageTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	ReplyTemplateRepository templates;

	@Autowired
	AccessTrail trail;

	@Autowired
	PlatformTransactionManager transactionManager;

	RequestPostProcessor admin;

	RequestPostProcessor staff;

	String adminEmail;

	@BeforeEach
	void signIn() {
		adminEmail = StaffTestAccounts.create(accounts, "Avery Owner", StaffRole.ADMIN);
		admin = StaffTestAccounts.signedIn(adminEmail, "ADMIN", "STAFF");
		staff = StaffTestAccounts.signedIn(StaffTestAccounts.create(accounts, "Sam Front-Desk", StaffRole.STAFF), "STAFF");
	}

	@Test
	void anAdministratorAddsChangesAndDeletesATemplateEachWrittenToTheAccessTrail() {
		String name = "Availability " + System.nanoTime();
		assertThat(save(admin, "/staff/templates", "", name, "Your inquiry {reference}", "Hello {firstName},",
				"MASSAGE_THERAPY", "AVAILABILITY"))
			.hasStatus(302)
			.hasRedirectedUrl("/staff/templates")
			.flash()
			.containsEntry("flash", "reply.template.created");
		ReplyTemplate created = byName(name);
		assertThat(created.getService()).hasToString("MASSAGE_THERAPY");
		assertThat(created.getAskingAbout()).hasToString("AVAILABILITY");
		assertThat(created.getUpdatedBy()).isEqualTo("Avery Owner");
		assertThat(body(mvc.get().uri("/staff/templates").with(admin))).contains(name, "Massage therapy");
		assertThat(body(mvc.get().uri("/staff/templates/{id}", created.getId()).with(admin)))
			.contains("value=\"Your inquiry {reference}\"", "Hello {firstName},");

		assertThat(save(admin, "/staff/templates/" + created.getId(), Long.toString(created.getVersion()), name,
				"About {reference}", "Hi {firstName}, call {clinicPhone}.", "", "")).hasStatus(302)
			.flash()
			.containsEntry("flash", "reply.template.saved");
		ReplyTemplate changed = byName(name);
		assertThat(changed.getBody()).isEqualTo("Hi {firstName}, call {clinicPhone}.");
		assertThat(changed.getService()).isNull();
		assertThat(changed.getAskingAbout()).isNull();

		assertThat(mvc.post().uri("/staff/templates/{id}/delete", created.getId()).with(admin).with(csrf()))
			.hasStatus(302)
			.hasRedirectedUrl("/staff/templates");
		assertThat(templates.findById(created.getId())).isEmpty();
		assertThat(trail.entriesAbout("REPLY_TEMPLATE", List.of(created.getId())))
			.extracting(entry -> entry.action() + " by " + entry.actorEmail())
			.containsExactly("REPLY_TEMPLATE_CREATED by " + adminEmail, "REPLY_TEMPLATE_CHANGED by " + adminEmail,
					"REPLY_TEMPLATE_DELETED by " + adminEmail);
	}

	@Test
	void anUnknownPlaceholderAnEmptySubjectOrBodyComeBackWithMessagesAndTheTextKept() {
		String name = "Broken " + System.nanoTime();
		String page = body(save(admin, "/staff/templates", "", name, "Your price, {FirstName}",
				"Our price is {price}. Hello {firstName}.", "", ""));

		assertThat(page).contains("There is a problem", "Not a placeholder: {FirstName}.",
				"Not a placeholder: {price}.", "value=\"Your price, {FirstName}\"",
				"Our price is {price}. Hello {firstName}.", "href=\"#subject\"", "href=\"#body\"");
		assertThat(page).contains("<title>Error: new reply template");

		String empty = body(save(admin, "/staff/templates", "", name, " ", "", "", ""));
		assertThat(empty).contains("Write a subject.", "Write the text of the reply.", "value=\"" + name + "\"");

		String badMarks = body(save(admin, "/staff/templates", "", name, "Subject", "Body", "TEETH", "PRICE"));
		assertThat(badMarks).contains("Choose a service from the list.", "Choose a question from the list.");
		assertThat(templates.findAll()).noneMatch(template -> template.getName().equals(name));
	}

	@Test
	void aSaveFromAnEditorOpenedBeforeAnothersSaveIsRefusedWithTheTypingKept() {
		String name = "Shared " + System.nanoTime();
		save(admin, "/staff/templates", "", name, "First subject", "First body", "", "");
		ReplyTemplate template = byName(name);
		String opened = Long.toString(template.getVersion());
		save(admin, "/staff/templates/" + template.getId(), opened, name, "Their subject", "Their body", "", "");

		String page = body(save(admin, "/staff/templates/" + template.getId(), opened, name, "My subject",
				"My body", "", ""));

		assertThat(page).contains("Someone else saved this template", "value=\"My subject\"", "My body");
		assertThat(byName(name).getSubject()).isEqualTo("Their subject");
	}

	@Test
	void twoTemplatesCannotShareANameWhateverItsCase() {
		String name = "Welcome " + System.nanoTime();
		save(admin, "/staff/templates", "", name, "Subject", "Body", "", "");

		String page = body(save(admin, "/staff/templates", "", name.toUpperCase(), "Subject", "Body", "", ""));

		assertThat(page).contains("Another template already has this name.");
	}

	@Test
	void aFrontDeskAccountCannotOpenAddChangeOrDeleteTemplatesByAnyAddress() {
		String name = "Guarded " + System.nanoTime();
		save(admin, "/staff/templates", "", name, "Subject", "Body", "", "");
		ReplyTemplate template = byName(name);
		long id = template.getId();

		for (String path : List.of("/staff/templates", "/staff/templates/", "/staff/templates/new",
				"/staff/templates/" + id, "/staff/templates/" + id + "/", "/staff/TEMPLATES",
				"/staff/templates/anything")) {
			assertThat(mvc.get().uri(path).with(staff).exchange().getResponse().getStatus()).as(path).isIn(403, 404);
		}
		for (String path : List.of("/staff/templates", "/staff/templates/", "/staff/templates/" + id,
				"/staff/templates/" + id + "/", "/staff/templates/" + id + "/delete",
				"/staff/templates/" + id + "/delete/")) {
			assertThat(save(staff, path, Long.toString(template.getVersion()), name, "Hijacked", "Hijacked", "", "")
				.getResponse()
				.getStatus()).as("POST " + path).isIn(403, 404);
		}
		assertThat(mvc.get().uri("/staff/templates").with(staff)).hasStatus(403);
		ReplyTemplate after = byName(name);
		assertThat(after.getSubject()).isEqualTo("Subject");
		assertThat(after.getVersion()).isEqualTo(template.getVersion());
		assertThat(templates.findAll()).noneMatch(found -> found.getSubject().equals("Hijacked"));
		assertThat(body(mvc.get().uri("/staff/account").with(staff))).doesNotContain("href=\"/staff/templates\"");
		assertThat(body(mvc.get().uri("/staff/account").with(admin))).contains("href=\"/staff/templates\"");
		assertThat(mvc.get().uri("/staff/templates")).hasStatus(302);
	}

	@Test
	void aPostWithoutACsrfTokenChangesNothing() {
		String name = "Forged " + System.nanoTime();

		assertThat(mvc.post().uri("/staff/templates").with(admin)
			.param("version", "")
			.param("name", name)
			.param("subject", "Subject")
			.param("body", "Body")).hasStatus(403);
		save(admin, "/staff/templates", "", name, "Subject", "Body", "", "");
		long id = byName(name).getId();
		assertThat(mvc.post().uri("/staff/templates/{id}/delete", id).with(admin)).hasStatus(403);

		assertThat(templates.findById(id)).isPresent();
	}

	@Test
	void withNoTemplatesThePageSaysHowToStartAndNothingIsSeeded() {
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		transaction.executeWithoutResult(status -> {
			// Only inside this transaction, which is rolled back: the shared database keeps other tests' templates.
			templates.deleteAllInBatch();
			assertThat(body(mvc.get().uri("/staff/templates").with(admin))).contains("No reply templates yet",
					"no prices and no promises").doesNotContain("<table");
			status.setRollbackOnly();
		});
	}

	private MvcTestResult save(RequestPostProcessor who, String path, String version, String name, String subject,
			String body, String service, String askingAbout) {
		return mvc.post().uri(path).with(who).with(csrf())
			.param("version", version)
			.param("name", name)
			.param("subject", subject)
			.param("body", body)
			.param("service", service)
			.param("askingAbout", askingAbout)
			.exchange();
	}

	private ReplyTemplate byName(String name) {
		return templates.findAll()
			.stream()
			.filter(template -> template.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String body(MockMvcRequestBuilder request) {
		return body(request.exchange());
	}

}
