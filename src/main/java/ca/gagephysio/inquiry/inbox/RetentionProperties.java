package ca.gagephysio.inquiry.inbox;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long the clinic keeps what people send it. The privacy page states it, and the staff side erases inquiries
 * once they are older, so the promise and the practice read the same property.
 *
 * @param inquiryMonths months an inquiry's personal information is kept after it was closed or marked as spam (its
 * last status change; see {@link RetentionJob})
 */
@Validated
@ConfigurationProperties("clinic.retention")
public record RetentionProperties(@Min(1) int inquiryMonths) {
}
