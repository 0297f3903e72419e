package ca.gagephysio.inquiry.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every wording of the consent sentence ever shown on the form, by the version stored with each inquiry. The form
 * records a wording the first time it shows it; the inbox and the right-of-access file read it back, so staff and
 * the person see the words that were agreed to, not a hash. A wording is never changed or removed once recorded.
 */
@Repository
public class ConsentWordings {

	private final JdbcClient jdbc;

	ConsentWordings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean isRecorded(String version) {
		return jdbc.sql("select count(*) from inquiry_consent_wording where version = ?")
			.param(version)
			.query(Long.class)
			.single() > 0;
	}

	/** Records a wording unless its version already is; two instances recording it at once are both satisfied. */
	public void record(String version, String wording, Instant firstShownAt) {
		if (isRecorded(version)) {
			return;
		}
		try {
			jdbc.sql("insert into inquiry_consent_wording (version, wording, first_shown_at) values (?, ?, ?)")
				.params(version, wording, OffsetDateTime.ofInstant(firstShownAt, ZoneOffset.UTC))
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			// another instance recorded the same wording at the same moment: it is recorded either way
		}
	}

	/** The wording of one version, or empty if it was never recorded (inquiries older than the record). */
	public Optional<String> wordingOf(String version) {
		return version == null ? Optional.empty() : Optional.ofNullable(wordingsOf(List.of(version)).get(version));
	}

	/** The recorded wordings among these versions, by version, read in one query; unrecorded ones are absent. */
	public Map<String, String> wordingsOf(Collection<String> versions) {
		Map<String, String> wordings = new HashMap<>();
		if (versions.isEmpty()) {
			return wordings;
		}
		jdbc.sql("select version, wording from inquiry_consent_wording where version in (:versions)")
			.param("versions", versions)
			.query((row, number) -> Map.entry(row.getString(1), row.getString(2)))
			.list()
			.forEach(entry -> wordings.put(entry.getKey(), entry.getValue()));
		return wordings;
	}

}
