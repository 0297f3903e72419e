package ca.gagephysio.inquiry.internal;

import jakarta.persistence.PrePersist;

import org.springframework.stereotype.Component;

import ca.gagephysio.shared.PhoneNumbers;

/**
 * A JPA entity listener that is also a Spring bean (Hibernate gets it from Spring), so that every way an inquiry is
 * stored, the form, the tests, a later import, derives its search keys the same way: the entity needs the clinic's
 * country to read a phone number, and only a bean can be given it.
 */
@Component
class InquirySearchKeysListener {

	private final PhoneNumbers phones;

	InquirySearchKeysListener(PhoneNumbers phones) {
		this.phones = phones;
	}

	@PrePersist
	void deriveSearchKeys(Inquiry inquiry) {
		inquiry.indexForSearch(phones);
	}

}
