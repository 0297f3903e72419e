package ca.gagephysio.clinic;

import java.time.Instant;

/**
 * Published when an administrator saves the clinic's facts (name, phone, address, hours, holidays, base URL, booking
 * link, banner): every page or email that shows them is stale from {@code savedAt} on.
 *
 * @param savedAt when the new facts were saved
 */
public record ClinicFactsChanged(Instant savedAt) {
}
