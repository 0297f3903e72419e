package ca.gagephysio.team;

/**
 * A clinician's name, title or bio was changed: pages that show them (article bylines and author boxes) must be
 * rendered again.
 *
 * @param slug the clinician's slug
 */
public record ClinicianChanged(String slug) {
}
