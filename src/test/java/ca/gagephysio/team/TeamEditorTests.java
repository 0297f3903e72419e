package ca.gagephysio.team;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.image.TestImages;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ClinicIntegrationTest
class TeamEditorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern JSON_LD = Pattern
		.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	TeamMemberRepository members;

	@Autowired
	TeamEditor editor;

	@Autowired
	AccessTrail trail;

	RequestPostProcessor staff;

	RequestPostProcessor admin;

	/** One staff and one administrator account for the whole class: each costs four Argon2 hashes to make. */
	static String staffEmail;

	static String adminEmail;

	@BeforeEach
	void signIn() {
		if (staffEmail == null) {
			staffEmail = StaffTestAccounts.create(accounts, "Front Desk", StaffRole.STAFF);
			adminEmail = StaffTestAccounts.create(accounts, "Owner", StaffRole.ADMIN);
		}
		staff = StaffTestAccounts.signedIn(staffEmail, "STAFF");
		admin = StaffTestAccounts.signedIn(adminEmail, "ADMIN", "STAFF");
	}

	@Test
	void aNewClinicianStaysOffThePublicSiteUntilAnAdministratorPublishesThemAndThenShowsEverywhereAtOnce()
			throws Exception {
		String name = uniqueName();
		mvc.perform(newClinician(name).file(photo("photo.jpg", TestImages.jpegWithGps(2400, 1600, 1)))
			.param("photoAlt", "A test clinician at the front desk")
			.with(staff)).andExpect(redirectedUrl("/staff/team"));
		TeamMember added = members.findBySlug(TeamEditor.slugOf(name)).orElseThrow();
		String bioPath = "/team/" + added.slug();

		assertThat(added.published()).isFalse();
		mvc.perform(get(bioPath)).andExpect(status().isNotFound());
		assertThat(page("/team")).doesNotContain(name);
		assertThat(page("/sitemap.xml")).doesNotContain(bioPath);
		assertThat(page("/staff/team", staff)).contains(name).contains("Not published");

		mvc.perform(post("/staff/team/{id}/publish", added.id()).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/staff/team"));

		String bio = page(bioPath);
		assertThat(bio).contains("<h1>" + name + "</h1>")
			.contains("<span>Physiotherapist</span><span>, TEST-CRED</span>")
			.contains("<p>A bio written by an <em>automated</em> test.</p>");
		assertThat(page("/team")).contains(name).contains("href=\"" + bioPath + "\"");
		assertThat(page("/sitemap.xml")).contains("<loc>http://localhost:8080" + bioPath + "</loc>");
		JsonNode person = node(bio, "Person");
		assertThat(person.get("name").asString()).isEqualTo(name);
		assertThat(person.get("honorificSuffix").asString()).isEqualTo("TEST-CRED");
		assertThat(person.get("image").asString()).matches("http://localhost:8080/images/[0-9a-f]{32}-960\\.jpg");
		assertThat(bio).contains("<meta property=\"og:image\" content=\"" + person.get("image").asString() + "\">");

		assertThat(trail.entriesAbout(TeamEditor.SUBJECT, List.of(added.id())))
			.extracting(AccessTrail.Entry::action, AccessTrail.Entry::actorEmail)
			.contains(org.assertj.core.groups.Tuple.tuple("CLINICIAN_ADDED", staffEmail),
					org.assertj.core.groups.Tuple.tuple("CLINICIAN_PUBLISHED", adminEmail));
	}

	@Test
	void theBioPhotoHasEveryVariantWithItsWidthAndHeightAndNoLocationLeftInIt() throws Exception {
		TeamMember member = addPublished(TestImages.jpegWithGps(2000, 1500, 1));

		String bio = page("/team/" + member.slug());
		Matcher img = Pattern.compile("<img [^>]*alt=\"A test clinician at the front desk\"[^>]*>").matcher(bio);
		assertThat(img.find()).as("the photo's img element in %s", bio).isTrue();
		String tag = img.group();
		assertThat(attribute(tag, "src")).matches("/images/[0-9a-f]{32}-960\\.jpg");
		assertThat(attribute(tag, "sizes")).isEqualTo("16rem");
		assertThat(attribute(tag, "width")).isEqualTo("1440");
		assertThat(attribute(tag, "height")).isEqualTo("1080");
		assertThat(attribute(tag, "loading")).isEqualTo("eager");
		assertThat(attribute(tag, "decoding")).isEqualTo("async");
		String srcset = attribute(tag, "srcset");
		String[] candidates = srcset.split(", ");
		assertThat(candidates).hasSize(3);
		int[] widths = { 480, 960, 1440 };
		for (int i = 0; i < widths.length; i++) {
			String[] candidate = candidates[i].split(" ");
			assertThat(candidate[1]).isEqualTo(widths[i] + "w");
			byte[] served = mvc.perform(get(candidate[0])).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsByteArray();
			assertThat(TestImages.size(served)[0]).isEqualTo(widths[i]);
			assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("Exif")
				.doesNotContain(TestImages.CAMERA_SERIAL);
		}
	}

	static List<Arguments> uploadsThatAreNotAcceptedImages() {
		return List.of(Arguments.of("a text file renamed photo.jpg", TestImages.text(), "not a JPEG, PNG or WebP"),
				Arguments.of("an SVG", TestImages.svg(), "is an SVG drawing"),
				Arguments.of("a PDF", TestImages.pdf(), "is a PDF document"),
				Arguments.of("a 20,000 x 20,000 image bomb", TestImages.pngBomb(), "That image is 20000 x 20000 pixels"),
				Arguments.of("a photo over 10 MB", TestImages.overTenMegabytes(), "larger than 10 MB"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("uploadsThatAreNotAcceptedImages")
	void anUploadThatIsNotAnAcceptedImageIsRefusedWithAClearMessageAndTheFormKept(String what, byte[] file,
			String message) throws Exception {
		String name = uniqueName();

		String page = mvc.perform(newClinician(name).file(photo("photo.jpg", file))
			.param("photoAlt", "Alt text typed in")
			.with(staff)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("class=\"error-summary\"").contains("href=\"#photo\"").contains(message);
		assertThat(page).contains("value=\"" + name + "\"")
			.contains("value=\"Alt text typed in\"")
			.contains("A bio written by an *automated* test.")
			.contains("aria-invalid=\"true\"");
		assertThat(members.findBySlug(TeamEditor.slugOf(name))).isEmpty();
	}

	@Test
	void aPhotoNeedsAltTextAndIsKeptWhileTheMistakeIsFixed() throws Exception {
		String name = uniqueName();

		String page = mvc.perform(newClinician(name).file(photo("me.webp", TestImages.jpeg(800, 600))).with(staff))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("Describe the photo in the alt text");
		Matcher kept = Pattern.compile("name=\"photoId\" value=\"(\\d+)\"").matcher(page);
		assertThat(kept.find()).isTrue();

		mvc.perform(newClinician(name).param("photoId", kept.group(1))
			.param("photoAlt", "A test clinician smiling")
			.with(staff)).andExpect(redirectedUrl("/staff/team"));
		TeamMember added = members.findBySlug(TeamEditor.slugOf(name)).orElseThrow();
		assertThat(added.photoImageId()).isEqualTo(Long.valueOf(kept.group(1)));
		assertThat(added.photoAlt()).isEqualTo("A test clinician smiling");
	}

	@Test
	void aStaffAccountCannotPublishUnpublishOrDeleteByAnyUrl() throws Exception {
		TeamMember draft = add(uniqueName());
		TeamMember published = addPublished(null);

		for (String action : List.of("publish", "unpublish", "delete")) {
			for (long id : List.of(draft.id(), published.id())) {
				mvc.perform(post("/staff/team/{id}/" + action, id).with(staff).with(csrf()))
					.andExpect(status().isForbidden());
				mvc.perform(post("/staff/team/{id}/" + action + "/", id).with(staff).with(csrf()))
					.andExpect(status().is4xxClientError());
			}
		}
		// The edit form has no such field; one added by hand is ignored.
		mvc.perform(edit(draft).param("published", "true").with(staff)).andExpect(redirectedUrl("/staff/team"));

		assertThat(members.findById(draft.id()).orElseThrow().published()).isFalse();
		assertThat(members.findById(published.id()).orElseThrow().published()).isTrue();
		assertThat(page("/staff/team", staff)).doesNotContain("/publish\"")
			.doesNotContain("/delete\"")
			.contains("Only administrators publish");
		assertThat(page("/staff/team", admin)).contains("/staff/team/" + draft.id() + "/publish\"")
			.contains("/staff/team/" + published.id() + "/unpublish\"");
	}

	@Test
	void aStaffChangeToAPublishedBioWaitsAsADraftThatOnlyAnAdministratorPublishesWithRevisions() throws Exception {
		TeamMember member = addPublished(null);
		String bioPath = "/team/" + member.slug();

		mvc.perform(edit(member).param("credentials", "FAKE-CRED").param("bio", "A draft bio, not yet checked.")
			.with(staff)).andExpect(redirectedUrl("/staff/team/" + member.id()));

		TeamMember waiting = members.findById(member.id()).orElseThrow();
		assertThat(waiting.draftRevision()).isNotNull();
		assertThat(waiting.credentials()).isEqualTo("TEST-CRED");
		assertThat(page(bioPath)).contains("A bio written by an").doesNotContain("FAKE-CRED")
			.doesNotContain("A draft bio");
		assertThat(page("/staff/team/" + member.id(), staff)).contains("wait for an administrator")
			.contains("A draft bio, not yet checked.").doesNotContain("/draft/publish\"");
		assertThat(page("/staff/team", admin)).contains("Changes wait for an administrator");
		mvc.perform(post("/staff/team/{id}/draft/publish", member.id()).with(staff).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(page("/staff/team/" + member.id(), admin)).contains("/staff/team/" + member.id() + "/draft/publish\"");

		mvc.perform(post("/staff/team/{id}/draft/publish", member.id()).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/staff/team"));

		TeamMember published = members.findById(member.id()).orElseThrow();
		assertThat(published.draftRevision()).isNull();
		assertThat(published.credentials()).isEqualTo("FAKE-CRED");
		assertThat(page(bioPath)).contains("A draft bio, not yet checked.").contains("FAKE-CRED");
		String revisions = page("/staff/team/" + member.id() + "/revisions", staff);
		assertThat(revisions).contains("Revision 2").contains("Revision 1").contains(staffEmail)
			.contains("A draft bio, not yet checked.").doesNotContain("Waits for an administrator");
		assertThat(trail.entriesAbout(TeamEditor.SUBJECT, List.of(member.id())))
			.extracting(AccessTrail.Entry::action, AccessTrail.Entry::actorEmail)
			.contains(org.assertj.core.groups.Tuple.tuple("CLINICIAN_DRAFT_SAVED", staffEmail),
					org.assertj.core.groups.Tuple.tuple("CLINICIAN_DRAFT_PUBLISHED", adminEmail));

		// an administrator's own change goes live at once; a discarded draft never does
		mvc.perform(edit(published).param("bio", "Changed by the owner.").with(admin))
			.andExpect(redirectedUrl("/staff/team"));
		assertThat(page(bioPath)).contains("Changed by the owner.");
		TeamMember again = members.findById(member.id()).orElseThrow();
		mvc.perform(edit(again).param("bio", "Another unchecked draft.").with(staff))
			.andExpect(redirectedUrl("/staff/team/" + member.id()));
		mvc.perform(post("/staff/team/{id}/draft/discard", member.id()).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/staff/team"));
		assertThat(members.findById(member.id()).orElseThrow().draftRevision()).isNull();
		assertThat(page(bioPath)).contains("Changed by the owner.").doesNotContain("Another unchecked draft.");
	}

	@Test
	void anAnonymousVisitorIsSentToSignIn() throws Exception {
		mvc.perform(get("/staff/team")).andExpect(redirectedUrl("/login"));
		mvc.perform(post("/staff/team/1/publish").with(csrf())).andExpect(redirectedUrl("/login"));
	}

	@Test
	void aStaleEditGetsTheConflictMessageWithBothVersionsAndOverwritesNothing() throws Exception {
		TeamMember member = add(uniqueName());
		long openedVersion = member.version();
		editor.edit(member.id(), openedVersion, new ClinicianDetails(member.name(), "Saved meanwhile title",
				"Physiotherapist", null, "The bio someone else saved.", null, null), adminEmail, true);

		String page = mvc.perform(multipart("/staff/team/{id}", member.id()).param("name", member.name())
			.param("jobTitle", "My own title")
			.param("profession", "Physiotherapist")
			.param("bio", "My own bio, typed while they saved theirs.")
			.param("version", String.valueOf(openedVersion))
			.with(staff)
			.with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("Someone else saved this clinician while you were editing")
			.contains("My own bio, typed while they saved theirs.")
			.contains("value=\"My own title\"")
			.contains("The bio someone else saved.")
			.contains("Saved meanwhile title")
			.contains("Saved by " + adminEmail);
		TeamMember saved = members.findById(member.id()).orElseThrow();
		assertThat(saved.bio()).isEqualTo("The bio someone else saved.");

		Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
		assertThat(version.find()).isTrue();
		assertThat(Long.parseLong(version.group(1))).isEqualTo(saved.version());
	}

	@Test
	void editingOrUnpublishingAnAuthorShowsAtOnceOnTheirArticleWhichStillRenders() throws Exception {
		TeamMember valerie = members.findBySlug("valerie-van-woudenberg").orElseThrow();
		ClinicianDetails seed = valerie.details();
		String article = "/articles/massage-for-back-pain";
		assertThat(page(article)).contains("Physiotherapist and owner");
		try {
			mvc.perform(multipart("/staff/team/{id}", valerie.id()).param("name", seed.name())
				.param("jobTitle", "Physiotherapist, owner and test title")
				.param("profession", seed.profession())
				.param("bio", seed.bio())
				.param("version", String.valueOf(valerie.version()))
				.with(admin)
				.with(csrf())).andExpect(redirectedUrl("/staff/team"));
			assertThat(page(article)).contains("Physiotherapist, owner and test title");
			assertThat(page("/team/valerie-van-woudenberg")).contains("Physiotherapist, owner and test title");

			mvc.perform(post("/staff/team/{id}/unpublish", valerie.id()).with(admin).with(csrf()))
				.andExpect(redirectedUrl("/staff/team"));
			mvc.perform(get("/team/valerie-van-woudenberg")).andExpect(status().isNotFound());
			assertThat(page("/sitemap.xml")).doesNotContain("/team/valerie-van-woudenberg");
			assertThat(page("/team")).doesNotContain("Valerie van Woudenberg");
			assertThat(page(article)).contains("<span>Valerie van Woudenberg</span>")
				.doesNotContain("href=\"/team/valerie-van-woudenberg\"");
		}
		finally {
			TeamMember now = members.findBySlug("valerie-van-woudenberg").orElseThrow();
			editor.edit(now.id(), now.version(), seed, null, true);
			editor.publish(now.id(), null);
		}
		assertThat(page(article)).contains("href=\"/team/valerie-van-woudenberg\"")
			.contains("Physiotherapist and owner");
	}

	@Test
	void anAdministratorDeletesAClinicianButNotOneAnArticleNames() throws Exception {
		TeamMember draft = add(uniqueName());

		mvc.perform(post("/staff/team/{id}/delete", draft.id()).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/staff/team"));
		assertThat(members.findById(draft.id())).isEmpty();
		assertThat(trail.entriesAbout(TeamEditor.SUBJECT, List.of(draft.id())))
			.extracting(AccessTrail.Entry::action)
			.contains("CLINICIAN_DELETED");

		long valerie = members.findBySlug("valerie-van-woudenberg").orElseThrow().id();
		mvc.perform(post("/staff/team/{id}/delete", valerie).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/staff/team"));
		assertThat(members.findById(valerie)).isPresent();
	}

	@Test
	void aBioCannotCarryScriptsHandlersOrDangerousLinks() throws Exception {
		TeamMember member = add(uniqueName());
		mvc.perform(edit(member).param("bio", """
				Hello <script>alert(1)</script> <img src=x onerror="alert(2)">

				[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) <iframe src="https://example.com"></iframe>
				<p style="color:red">styled</p>

				[site](https://example.com)
				""").with(admin)).andExpect(redirectedUrl("/staff/team"));
		mvc.perform(post("/staff/team/{id}/publish", member.id()).with(admin).with(csrf()));

		String bio = page("/team/" + member.slug());
		String text = bio.substring(bio.indexOf("bio__text"), bio.indexOf("cta-box"));
		assertThat(text).doesNotContain("<script", "onerror", "javascript:", "data:", "<iframe", "style=")
			.contains("<a href=\"https://example.com\">site</a>");
	}

	@Test
	void requiredFieldsAreListedInTheErrorSummary() throws Exception {
		String page = mvc.perform(multipart("/staff/team").param("name", " ").with(staff).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("class=\"error-summary\"")
			.contains("<a href=\"#name\">Enter the clinician&#39;s name.</a>")
			.contains("href=\"#jobTitle\"")
			.contains("href=\"#profession\"")
			.contains("href=\"#bio\"");
	}

	private TeamMember add(String name) throws Exception {
		mvc.perform(newClinician(name).with(staff)).andExpect(redirectedUrl("/staff/team"));
		return members.findBySlug(TeamEditor.slugOf(name)).orElseThrow();
	}

	private TeamMember addPublished(byte[] photo) throws Exception {
		String name = uniqueName();
		MockMultipartHttpServletRequestBuilder request = newClinician(name);
		if (photo != null) {
			request.file(photo("photo.jpg", photo)).param("photoAlt", "A test clinician at the front desk");
		}
		mvc.perform(request.with(staff)).andExpect(redirectedUrl("/staff/team"));
		TeamMember member = members.findBySlug(TeamEditor.slugOf(name)).orElseThrow();
		mvc.perform(post("/staff/team/{id}/publish", member.id()).with(admin).with(csrf()))
			.andExpect(redirectedUrl("/staff/team"));
		return members.findById(member.id()).orElseThrow();
	}

	private static MockMultipartHttpServletRequestBuilder newClinician(String name) {
		MockMultipartHttpServletRequestBuilder request = multipart("/staff/team");
		request.param("name", name)
			.param("jobTitle", "Physiotherapist")
			.param("profession", "Physiotherapist")
			.param("credentials", "TEST-CRED")
			.param("bio", "A bio written by an *automated* test.")
			.with(csrf());
		return request;
	}

	private static MockMultipartHttpServletRequestBuilder edit(TeamMember member) {
		ClinicianDetails details = member.details();
		MockMultipartHttpServletRequestBuilder request = multipart("/staff/team/{id}", member.id());
		request.param("name", details.name())
			.param("jobTitle", details.jobTitle())
			.param("profession", details.profession())
			.param("bio", details.bio())
			.param("version", String.valueOf(member.version()))
			.with(csrf());
		return request;
	}

	private static MockMultipartFile photo(String filename, byte[] bytes) {
		return new MockMultipartFile("photo", filename, "image/jpeg", bytes);
	}

	private String page(String path, RequestPostProcessor... who) throws Exception {
		MockHttpServletRequestBuilder request = get(path);
		for (RequestPostProcessor processor : who) {
			request.with(processor);
		}
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private static JsonNode node(String html, String type) {
		Matcher script = JSON_LD.matcher(html);
		assertThat(script.find()).isTrue();
		for (JsonNode node : JSON.readTree(script.group(1)).get("@graph")) {
			if (node.path("@type").isString() && type.equals(node.path("@type").asString())) {
				return node;
			}
		}
		throw new AssertionError("No " + type + " in " + script.group(1));
	}

	private static String attribute(String tag, String name) {
		Matcher value = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
		assertThat(value.find()).as("%s in %s", name, tag).isTrue();
		return value.group(1);
	}

	private static String uniqueName() {
		return "Test Clinician " + UUID.randomUUID().toString().substring(0, 8);
	}

}
