package ca.gagephysio.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server (RFC 5321's commands, no extensions but SMTPUTF8 when asked) that answers {@code RCPT TO} for chosen addresses with a
 * chosen reply, such as {@code 550 5.1.1 No such user}, and accepts everything else. It exists because GreenMail
 * cannot refuse one recipient: its {@code SmtpManager.checkRecipient} accepts every address. It listens on the
 * tests' {@code spring.mail.port} instead of GreenMail, so the site's real sender talks to it over a real socket,
 * through the real Jakarta Mail provider.
 */
final class ScriptedSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final ExecutorService connections = Executors.newCachedThreadPool();

	/** Address (lower case) to the replies still to give it; the last one repeats. */
	private final Map<String, List<String>> replies = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> rcptCounts = new ConcurrentHashMap<>();

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private final List<String> mailFromCommands = new CopyOnWriteArrayList<>();

	private volatile boolean smtpUtf8;

	private ScriptedSmtpServer(int port) throws IOException {
		socket = bound(port);
		connections.submit(this::acceptLoop);
	}

	/**
	 * The test port is shared with GreenMail and with this server in the test before: the one stopped a moment ago
	 * may not have let go of the port yet, so binding is tried again for a few seconds before giving up.
	 */
	private static ServerSocket bound(int port) throws IOException {
		long giveUpAt = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
		while (true) {
			ServerSocket candidate = new ServerSocket();
			candidate.setReuseAddress(true);
			try {
				candidate.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
				return candidate;
			}
			catch (java.net.BindException inUse) {
				candidate.close();
				if (System.nanoTime() > giveUpAt) {
					throw inUse;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw inUse;
				}
			}
		}
	}

	static ScriptedSmtpServer startOn(int port) throws IOException {
		return new ScriptedSmtpServer(port);
	}

	/**
	 * Answers {@code RCPT TO} for this address with these replies in turn, the last one from then on; a reply
	 * starting with 250 accepts it.
	 */
	ScriptedSmtpServer answer(String address, String... repliesInTurn) {
		replies.put(address.toLowerCase(Locale.ROOT), new CopyOnWriteArrayList<>(List.of(repliesInTurn)));
		return this;
	}

	/** Announces SMTPUTF8 (RFC 6531) in its {@code EHLO} answer from now on. */
	ScriptedSmtpServer offeringSmtpUtf8() {
		smtpUtf8 = true;
		return this;
	}

	/** Every {@code MAIL FROM} command received, as sent (with its parameters, such as {@code SMTPUTF8}). */
	List<String> mailFromCommands() {
		return List.copyOf(mailFromCommands);
	}

	/** How many times a client asked to send to this address. */
	int rcptCount(String address) {
		AtomicInteger count = rcptCounts.get(address.toLowerCase(Locale.ROOT));
		return count == null ? 0 : count.get();
	}

	/** The raw messages (headers and body) accepted for this address. */
	List<String> deliveredTo(String address) {
		String marker = "\u0000" + address.toLowerCase(Locale.ROOT) + "\u0000";
		return delivered.stream()
			.filter(entry -> entry.startsWith(marker))
			.map(entry -> entry.substring(marker.length()))
			.toList();
	}

	@Override
	public void close() throws IOException {
		socket.close();
		connections.shutdownNow();
	}

	private void acceptLoop() {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				connections.submit(() -> converse(client));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void converse(Socket client) {
		try (client;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
				OutputStream out = client.getOutputStream()) {
			client.setSoTimeout(10_000);
			send(out, "220 scripted.test ESMTP");
			List<String> accepted = new ArrayList<>();
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase(Locale.ROOT);
				if (command.startsWith("EHLO") && smtpUtf8) {
					send(out, "250-scripted.test");
					send(out, "250 SMTPUTF8");
				}
				else if (command.startsWith("EHLO") || command.startsWith("HELO")) {
					send(out, "250 scripted.test");
				}
				else if (command.startsWith("MAIL FROM:")) {
					mailFromCommands.add(line);
					accepted.clear();
					send(out, "250 2.1.0 OK");
				}
				else if (command.startsWith("RCPT TO:")) {
					String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT);
					rcptCounts.computeIfAbsent(address, key -> new AtomicInteger()).incrementAndGet();
					String reply = nextReplyFor(address);
					if (reply.startsWith("250")) {
						accepted.add(address);
					}
					send(out, reply);
				}
				else if (command.equals("DATA")) {
					send(out, "354 End data with <CR><LF>.<CR><LF>");
					StringBuilder data = new StringBuilder();
					String dataLine;
					while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
						data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
					}
					accepted.forEach(address -> delivered.add("\u0000" + address + "\u0000" + data));
					send(out, "250 2.0.0 OK");
				}
				else if (command.equals("RSET") || command.equals("NOOP")) {
					accepted.clear();
					send(out, "250 2.0.0 OK");
				}
				else if (command.equals("QUIT")) {
					send(out, "221 2.0.0 Bye");
					return;
				}
				else {
					send(out, "502 5.5.1 Command not implemented");
				}
			}
		}
		catch (IOException ex) {
			// the client went away; nothing to record
		}
	}

	private String nextReplyFor(String address) {
		List<String> scripted = replies.get(address);
		if (scripted == null || scripted.isEmpty()) {
			return "250 2.1.5 OK";
		}
		return scripted.size() > 1 ? scripted.remove(0) : scripted.get(0);
	}

	private static void send(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

}
