-- Page views of the public pages, counted by the server itself (module visits): aggregates only. No table here holds
-- an address, a user agent or a per-visitor hash; the daily salt and the day's visitor hashes that make "unique
-- visitors" possible live elsewhere and are gone once the day is over. Days are calendar days in the clinic's time
-- zone; a path is the page's address without its query string. The day column is visit_day, not day: DAY is a
-- keyword in H2 2.x, which refuses it as a column name.

-- Views and unique visitors of each page on each day.
create table visit_page_day (
    visit_day date         not null,
    path     varchar(255) not null,
    views    bigint       not null,
    visitors bigint       not null,
    constraint visit_page_day_pk primary key (visit_day, path)
);

-- Views and unique visitors of the whole site on each day (a visitor who reads three pages is one visitor here).
create table visit_site_day (
    visit_day date   not null,
    views    bigint not null,
    visitors bigint not null,
    constraint visit_site_day_pk primary key (visit_day)
);

-- Where the views came from, per page and day: the referring site's host (empty when none or the clinic's own site)
-- and the UTM source, medium and campaign of the address (empty when absent).
create table visit_source_day (
    visit_day     date         not null,
    path          varchar(255) not null,
    referrer_host varchar(255) not null,
    utm_source    varchar(100) not null,
    utm_medium    varchar(100) not null,
    utm_campaign  varchar(100) not null,
    views         bigint       not null,
    visitors      bigint       not null,
    constraint visit_source_day_pk primary key (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign)
);
create index visit_source_day_day on visit_source_day (visit_day);
