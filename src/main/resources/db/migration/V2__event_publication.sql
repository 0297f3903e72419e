-- Spring Modulith's event publication registry: the transactional outbox behind every cross-module event.
-- A publication is written in the same transaction as the change that caused it and completed when its listener
-- succeeds, so nothing is lost to a crash or a failing mail server.
create table event_publication (
    id                     uuid          not null primary key,
    listener_id            varchar(512)  not null,
    event_type             varchar(512)  not null,
    serialized_event       varchar(4000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    integer       not null default 0,
    last_resubmission_date timestamp with time zone
);
create index event_publication_completion_idx on event_publication (completion_date);
create index event_publication_serialized_event_hash_idx on event_publication (listener_id, publication_date);

create table event_publication_archive (
    id                     uuid          not null primary key,
    listener_id            varchar(512)  not null,
    event_type             varchar(512)  not null,
    serialized_event       varchar(4000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    integer       not null default 0,
    last_resubmission_date timestamp with time zone
);
