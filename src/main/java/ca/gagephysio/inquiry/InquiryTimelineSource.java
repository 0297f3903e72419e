package ca.gagephysio.inquiry;

import java.util.List;

/**
 * Lets another module add lines to an inquiry's timeline without this module depending on it (the notification
 * module reports its emails this way). Implementations are Spring beans; the inbox collects them all.
 */
public interface InquiryTimelineSource {

	List<TimelineEntry> entriesFor(long inquiryId);

}
