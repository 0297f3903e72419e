package ca.gagephysio.article;

import java.time.Period;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.PeriodUnit;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the article editor.
 *
 * @param reviewDueAfter how long after its last medical review a public article is listed as "review due"; a plain
 * number is months ({@code clinic.articles.review-due-after=12}), an ISO period such as {@code P1Y} also works
 * @param maxFormSize the largest article form the editor accepts (the rest of the site keeps Tomcat's smaller
 * limit); a bigger post answers 413
 */
@ConfigurationProperties("clinic.articles")
public record ArticleProperties(@DefaultValue("12") @PeriodUnit(ChronoUnit.MONTHS) Period reviewDueAfter,
		@DefaultValue("512KB") DataSize maxFormSize) {
}
