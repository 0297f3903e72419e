package ca.gagephysio.inquiry;

/**
 * The retention period of an inquiry has passed and its personal fields were erased. Published in the erasing
 * transaction, so any module that keeps a copy of the person's details (an unsent email, say) erases it too.
 *
 * @param inquiryId the inquiry whose personal data is gone
 */
public record InquiryPersonalDataErased(long inquiryId) {
}
