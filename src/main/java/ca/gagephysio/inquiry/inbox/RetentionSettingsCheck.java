package ca.gagephysio.inquiry.inbox;

import ca.gagephysio.site.SettingRefused;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when {@code clinic.retention.cron} would never run the nightly erasure ({@link RetentionJob}):
 * {@code -} switches a Spring schedule off without a word, so personal data would be kept past the period the
 * privacy page promises. An expression Spring cannot read is named here too, instead of in a report about the
 * method. A bean factory post-processor, so it runs before any scheduled bean is made.
 */
@Component
class RetentionSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final String SETTING = "clinic.retention.cron";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String cron = environment.getProperty(SETTING, "0 15 3 * * *").strip();
		if (Scheduled.CRON_DISABLED.equals(cron) || !CronExpression.isValidExpression(cron)) {
			throw new SettingRefused(SETTING, "\"" + cron + "\" " + (Scheduled.CRON_DISABLED.equals(cron)
					? "switches the nightly erasure off, so personal data would be kept past the period the privacy "
							+ "page states."
					: "is not a cron expression Spring can read (six fields: second minute hour day month weekday)."),
					"Leave it out (03:15 every night, clinic time) or set six fields, such as 0 15 3 * * *.");
		}
	}

}
