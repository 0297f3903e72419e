package ca.gagephysio.inquiry.form;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on scheduling for the form's housekeeping: forgetting used tokens past their lifetime and clients that have
 * stopped posting.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InquiryFormConfiguration {

}
