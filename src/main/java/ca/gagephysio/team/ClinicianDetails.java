package ca.gagephysio.team;

/**
 * What the back office edits about a clinician, checked by {@link ClinicianForm} before it gets here.
 *
 * @param name their name, at most 100 characters
 * @param jobTitle as shown to readers, at most 100 characters
 * @param profession the regulated profession alone, at most 100 characters
 * @param credentials letters after the name, or {@code null}
 * @param bio Markdown, at most 10,000 characters
 * @param photoImageId an image's id in the image module, or {@code null} for no photo
 * @param photoAlt the photo's alt text; required with a photo
 */
record ClinicianDetails(String name, String jobTitle, String profession, String credentials, String bio,
		Long photoImageId, String photoAlt) {
}
