-- Indexes that hold every column the owner's insights read from the visit aggregates (module insights, through
-- visits.VisitFigures), so H2 and PostgreSQL answer a period's views per page and per source from the index alone
-- instead of looking up each row: in H2 each lookup costs several microseconds, and a year of a 50-page site is
-- 18,250 rows per table (benchmark/insights.sh). The widest entry holds at most 555 characters of text, under
-- PostgreSQL's limit on an index entry (about 2,700 bytes). The second replaces the index on the day alone, which it
-- starts with.
create index visit_page_day_figures_idx on visit_page_day (visit_day, path, views, visitors);
create index visit_source_day_figures_idx on visit_source_day (visit_day, referrer_host, utm_source, utm_medium,
                                                               utm_campaign, views, visitors);
drop index visit_source_day_day;
