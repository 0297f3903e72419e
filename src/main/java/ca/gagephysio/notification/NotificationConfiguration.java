package ca.gagephysio.notification;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on scheduling, which the outbox sender needs to run on its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

}
