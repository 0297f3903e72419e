-- One number every instance watches (site.ContentVersion): bumped in the same transaction as any change that
-- public pages show (an article, a clinician, the clinic's facts), polled by each instance every second or so, which
-- then drops its render cache and reloads the facts. One row, id = 1.
create table site_content_version (
    id      smallint not null,
    version bigint   not null,
    constraint site_content_version_pk primary key (id)
);
insert into site_content_version (id, version) values (1, 0);
