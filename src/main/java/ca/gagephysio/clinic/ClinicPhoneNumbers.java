package ca.gagephysio.clinic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ca.gagephysio.shared.PhoneNumbers;

/**
 * The {@link PhoneNumbers} bean every feature gets: numbers written without a country code are read as numbers of
 * the clinic's own country ({@code clinic.address.country}). Declared here rather than in {@code shared}, which
 * knows nothing of the clinic and so can be used by every module, this one included.
 */
@Configuration(proxyBeanMethods = false)
class ClinicPhoneNumbers {

	@Bean
	PhoneNumbers phoneNumbers(ClinicProperties clinic) {
		return PhoneNumbers.in(clinic.address().country());
	}

}
