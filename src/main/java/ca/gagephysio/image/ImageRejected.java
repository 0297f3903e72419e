package ca.gagephysio.image;

/**
 * An upload that is not an image the site accepts. The message key (in {@code i18n/image.properties}) explains to
 * the person what was wrong and what to upload instead; the arguments fill its placeholders.
 */
public class ImageRejected extends RuntimeException {

	private final String messageKey;

	private final transient Object[] arguments;

	ImageRejected(String messageKey, Object... arguments) {
		super(messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments;
	}

	ImageRejected(String messageKey, Throwable cause) {
		super(messageKey, cause);
		this.messageKey = messageKey;
		this.arguments = new Object[0];
	}

	/** A key such as {@code image.rejected.svg}, for a field error or a flash message. */
	public String messageKey() {
		return messageKey;
	}

	/** The message's arguments (sizes, dimensions), never {@code null}. */
	public Object[] arguments() {
		return arguments.clone();
	}

}
