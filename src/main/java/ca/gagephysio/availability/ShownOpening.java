package ca.gagephysio.availability;

import java.time.LocalDate;

/**
 * One opening as the public pages show it.
 *
 * @param clinicianName the clinician it is with, or {@code null} for the clinic overall
 * @param date its day, clinic time zone
 * @param partOfDay the part of that day
 * @param text the whole sentence as shown, such as {@code Next opening for new clients: Tuesday, December 8,
 * 2026, morning}
 */
public record ShownOpening(String clinicianName, LocalDate date, PartOfDay partOfDay, String text) {
}
