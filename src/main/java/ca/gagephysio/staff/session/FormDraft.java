package ca.gagephysio.staff.session;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person had typed into a back-office form when its post was refused because their session had ended: kept
 * in a fresh session until they sign in again, then shown back to them on the page they left. The values may hold
 * personal health information, so they are never part of {@link #toString()} (a draft must never reach a log).
 *
 * @param returnTo the back-office page the form was on, as a path with its query
 * @param action the path the form posted to, so only that form on the page is filled in again
 * @param ownerTag who was signed in when the page was rendered, as {@link FormDrafts#ownerTag(String)}
 * @param fields the posted fields, first value of each, without secrets or the framework's own fields
 */
record FormDraft(String returnTo, String action, String ownerTag, Fields fields) implements Serializable {

	@Override
	public String toString() {
		return "FormDraft[returnTo=" + returnTo + ", action=" + action + ", fields=" + fields + "]";
	}

	/**
	 * The typed values by field name. Handed to the page as a flash attribute, which Spring prints when it traces
	 * flash maps: so this map prints its field names only, never what was typed.
	 */
	static final class Fields extends LinkedHashMap<String, String> {

		private static final long serialVersionUID = 1L;

		@Override
		public String toString() {
			return keySet().toString();
		}

	}

}
