package ca.gagephysio.site;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lets a scheduled job run on one instance at a time when several share the database: a method annotated with
 * ShedLock's {@code @SchedulerLock(name = ...)} runs only while its instance holds that name's row in the
 * {@code shedlock} table (migration V45); another instance whose schedule fires meanwhile skips that run. The lock
 * is timed by the database's clock ({@code usingDbTime()}), so instances whose clocks disagree still agree on who
 * holds it. A job that dies holding it frees it after its {@code lockAtMostFor} (at most ten minutes unless the job
 * says otherwise).
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class ScheduledJobLocks {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("shedlock")
			.usingDbTime()
			.build());
	}

}
