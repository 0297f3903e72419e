/**
 * Page views of the public pages, counted by the server itself: no cookie, no script, no pixel, no third party.
 * {@link ca.gagephysio.visits.VisitCounter} counts the pages the site reports (it implements
 * {@link ca.gagephysio.site.cache.PageViewListener}), leaving out robots
 * ({@link ca.gagephysio.visits.VisitorAgents}) and signed-in staff, and tells unique visitors apart for one day only,
 * with a salt that is deleted with the day. Only
 * aggregates are stored (page, day, views, unique visitors, referring host, UTM source, medium and campaign); other
 * modules read them through {@link ca.gagephysio.visits.VisitFigures}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "clinic", "site :: cache" })
package ca.gagephysio.visits;
