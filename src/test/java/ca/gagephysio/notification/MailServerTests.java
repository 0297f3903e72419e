package ca.gagephysio.notification;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether there is a mail server to send through is decided from {@code spring.mail.host} when the application
 * starts, not from whether a mail sender bean exists: a jar built with Spring's ahead-of-time processing always has
 * the bean (the {@code aot} profile of pom.xml defines it), set up or not.
 */
class MailServerTests {

	private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

	@Test
	void aSenderWithoutAHostIsNotAMailServer() {
		MailServer server = new MailServer(provider(sender), new MockEnvironment());

		assertThat(server.configured()).isFalse();
		assertThat(server.sender()).isEmpty();
	}

	@Test
	void aBlankHostIsNoMailServer() {
		MailServer server = new MailServer(provider(sender), new MockEnvironment().withProperty("spring.mail.host", " "));

		assertThat(server.configured()).isFalse();
		assertThat(server.sender()).isEmpty();
	}

	@Test
	void aHostWithASenderSendsThroughIt() {
		MailServer server = new MailServer(provider(sender),
				new MockEnvironment().withProperty("spring.mail.host", "smtp.example.net"));

		assertThat(server.configured()).isTrue();
		assertThat(server.sender()).containsSame(sender);
	}

	@Test
	void aJndiNameNamesAMailServerAsSpringBootTakesIt() {
		MailServer server = new MailServer(provider(sender),
				new MockEnvironment().withProperty("spring.mail.jndi-name", "mail/Session"));

		assertThat(server.configured()).isTrue();
		assertThat(server.sender()).containsSame(sender);
	}

	@Test
	void aHostWithoutASenderIsConfiguredButSendsNothing() {
		MailServer server = new MailServer(provider(null),
				new MockEnvironment().withProperty("spring.mail.host", "smtp.example.net"));

		assertThat(server.configured()).isTrue();
		assertThat(server.sender()).isEmpty();
	}

	/** A mail server as the default settings give it: no host (and no sender bean, as a plain build has then). */
	static MailServer noMailServer() {
		return new MailServer(provider(null), new MockEnvironment());
	}

	private static ObjectProvider<JavaMailSender> provider(JavaMailSender sender) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (sender != null) {
			beans.addBean("mailSender", sender);
		}
		return beans.getBeanProvider(JavaMailSender.class);
	}

}
