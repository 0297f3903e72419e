-- What makes "unique visitors" of the current day possible (module visits), shared by every instance of the site so a
-- person whose requests reach two instances still counts once. Both tables hold only the current day (and the day
-- before, for the few seconds until its last counts are written): each instance deletes every earlier day's rows as
-- soon as the day is over in the clinic's time zone. Neither holds an address or a user agent; nothing here is
-- joined to or kept with the counts in visit_page_day, visit_site_day and visit_source_day.

-- The day's random salt. A visitor's mark is a hash of this salt with the address and user agent, so once the salt
-- is deleted nobody, the clinic included, can compute a mark again or tell that two days' visitors were one person.
create table visit_day_salt (
    visit_day date        not null,
    salt varchar(64) not null,
    constraint visit_day_salt_pk primary key (visit_day)
);

-- One row per visitor and thing counted on the day (the site, a page, a page from one source): a hex SHA-256 hash of
-- the day's salt, the address, the user agent and what was counted. The instance whose insert creates the row counts
-- the visitor; every later insert of the same mark, from any instance, is refused by the key and counts nothing.
create table visit_day_mark (
    visit_day date        not null,
    mark varchar(64) not null,
    constraint visit_day_mark_pk primary key (visit_day, mark)
);
