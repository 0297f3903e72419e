import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

import ca.gagephysio.ClinicApplication;

/**
 * Starts the application once with Spring's own start-up recorder ({@link BufferingApplicationStartup}, what Spring
 * Boot's {@code /actuator/startup} endpoint reads) and prints the slowest steps of the start, then stops it: which
 * bean's creation the main thread spent its time in, and through which beans it got there (a step's time includes
 * the steps inside it, so a chain of beans that each wait for the next shows as the same time down the chain). Not a
 * test and not run by {@code .ci/run}; {@code benchmark/startup-steps.sh} compiles and runs it against a built jar.
 * <p>
 * Arguments: the number of steps to print, then the application's own arguments. The recorder holds at most
 * 50,000 steps and costs a little time itself, so compare the steps with each other, not with
 * {@code benchmark/startup.sh}'s first answer.
 */
public class StartupSteps {

	public static void main(String[] args) {
		int shown = Integer.parseInt(args[0]);
		String[] applicationArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
		SpringApplication application = new SpringApplication(ClinicApplication.class);
		// the generated initializer of Spring's AOT processing is looked up by the main class's name
		application.setMainApplicationClass(ClinicApplication.class);
		BufferingApplicationStartup recorder = new BufferingApplicationStartup(50_000);
		application.setApplicationStartup(recorder);
		try (var context = application.run(applicationArgs)) {
			List<TimelineEvent> events = new ArrayList<>(recorder.getBufferedTimeline().getEvents());
			events.sort(Comparator.comparing(TimelineEvent::getDuration).reversed());
			System.out.println("== the " + shown + " slowest start-up steps, ms (a step includes the steps inside it)");
			for (TimelineEvent event : events.subList(0, Math.min(shown, events.size()))) {
				System.out.printf("%7d  %s%s%n", event.getDuration().toMillis(), event.getStartupStep().getName(),
						tags(event.getStartupStep()));
			}
			// A step's own time: its duration less that of the steps directly inside it. A bean that waits for
			// another thread (Hibernate's background start) shows the wait as its own time.
			Map<Long, Duration> inside = new HashMap<>();
			for (TimelineEvent event : events) {
				Long parent = event.getStartupStep().getParentId();
				if (parent != null) {
					inside.merge(parent, event.getDuration(), Duration::plus);
				}
			}
			events.sort(Comparator.comparing((TimelineEvent event) -> ownTime(event, inside)).reversed());
			System.out.println("== the " + shown + " start-up steps with the most time of their own, ms");
			for (TimelineEvent event : events.subList(0, Math.min(shown, events.size()))) {
				System.out.printf("%7d  %s%s%n", ownTime(event, inside).toMillis(), event.getStartupStep().getName(),
						tags(event.getStartupStep()));
			}
		}
	}

	private static Duration ownTime(TimelineEvent event, Map<Long, Duration> inside) {
		return event.getDuration().minus(inside.getOrDefault(event.getStartupStep().getId(), Duration.ZERO));
	}

	private static String tags(StartupStep step) {
		StringBuilder text = new StringBuilder();
		for (StartupStep.Tag tag : step.getTags()) {
			if (tag.getKey().equals("beanName") || tag.getKey().equals("factory")) {
				text.append(' ').append(tag.getValue());
			}
		}
		return text.toString();
	}

}
