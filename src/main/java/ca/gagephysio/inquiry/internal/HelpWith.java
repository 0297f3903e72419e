package ca.gagephysio.inquiry.internal;

/**
 * What the person wants help with. {@link #key()} names the message key ({@code inquiry.service.<key>}).
 */
public enum HelpWith {

	BACK_PAIN("back-pain"), MASSAGE_THERAPY("massage-therapy"), PHYSIOTHERAPY("physiotherapy"),
	FOOT_CARE("foot-care"), OTHER("other");

	private final String key;

	HelpWith(String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

}
