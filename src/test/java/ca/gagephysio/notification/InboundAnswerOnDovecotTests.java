package ca.gagephysio.notification;

import ca.gagephysio.ClinicIntegrationTest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link InboundAnswerTests}, every one of them, against a real IMAP server: the Dovecot that
 * {@code perf/dovecot-imap.sh} starts (from Debian's {@code dovecot-imapd}) and names with
 * {@code -Dclinic.test.imap.port}, {@code .user} and {@code .password}. {@code .ci/run} runs its {@code h2-verify}
 * lane under that script, so these run in that lane's JVM on its one Spring context, beside the GreenMail ones. Tagged
 * "dovecot", which the build leaves out unless that script includes it ({@code -Dclinic.test.excluded-groups}), so an
 * everyday build neither runs nor skips them; the property check stays as a guard when the tag is included by hand.
 */
@ClinicIntegrationTest
@Tag("dovecot")
@EnabledIfSystemProperty(named = ClinicMailbox.REAL_SERVER_PORT, matches = "[0-9]+",
		disabledReason = "no real IMAP server named: perf/dovecot-imap.sh starts one and runs these")
class InboundAnswerOnDovecotTests extends InboundAnswerTests {

	@Override
	ClinicMailbox openMailbox(int smtpPort, InboundMailProperties configured) {
		return ClinicMailbox.startOnRealServer(smtpPort, configured);
	}

}
