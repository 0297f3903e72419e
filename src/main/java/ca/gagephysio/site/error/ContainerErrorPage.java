package ca.gagephysio.site.error;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

import ca.gagephysio.site.http.WebSecurityConfig;

/**
 * What Tomcat answers itself, for requests too broken to reach the application (a bad request line, a broken
 * {@code %} escape in the path, a header over the size limit, bytes that are not HTTP): a small static page with
 * the site's security headers, instead of Tomcat's report with its inline {@code <style>}. It names neither the
 * server nor a version, and holds nothing from the request.
 */
@Component
class ContainerErrorPage implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private static final String PAGE = "container-error.html";

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		String page = read(PAGE);
		factory.addContextCustomizers(context -> replaceErrorReportValve((StandardHost) context.getParent(), page));
	}

	/** After Boot's own customizer, which installs a plain {@link ErrorReportValve} that this one replaces. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static void replaceErrorReportValve(StandardHost host, String page) {
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new StaticErrorReportValve(page));
		// The host adds a valve of this class at start unless it finds one: it finds ours.
		host.setErrorReportValveClass(StaticErrorReportValve.class.getName());
	}

	private static String read(String name) {
		try (InputStream in = ContainerErrorPage.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + name + " next to " + ContainerErrorPage.class.getName());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Tomcat's error report, reduced to one static page with the site's headers. */
	static class StaticErrorReportValve extends ErrorReportValve {

		private final String page;

		StaticErrorReportValve(String page) {
			this.page = page;
			setShowReport(false);
			setShowServerInfo(false);
		}

		/** Same guards as Tomcat's report: only an error, only when nothing was written and the connection works. */
		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (response.getStatus() < 400 || response.getContentWritten() > 0) {
				return;
			}
			AtomicBoolean ioAllowed = new AtomicBoolean();
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
			if (!ioAllowed.get() || !response.setErrorReported()) {
				return;
			}
			try {
				response.setContentType("text/html");
				response.setCharacterEncoding("UTF-8");
				response.setHeader("Cache-Control", "no-store");
				response.setHeader("Content-Security-Policy", WebSecurityConfig.CONTENT_SECURITY_POLICY);
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader("X-Frame-Options", "DENY");
				response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
				response.setHeader("Permissions-Policy", WebSecurityConfig.PERMISSIONS_POLICY);
				response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
				response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(page);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client is gone or the response cannot be written: nothing more to tell it.
			}
		}

	}

}
