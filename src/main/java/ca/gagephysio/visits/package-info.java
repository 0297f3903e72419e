/**
 * Page views of the public pages, counted by the server itself: no cookie, no script, no pixel, no third party.
 * Only aggregates are stored (page, day, views, unique visitors, referring host, UTM source, medium and campaign);
 * other modules read them through {@link ca.gagephysio.visits.VisitFigures}.
 */
package ca.gagephysio.visits;
