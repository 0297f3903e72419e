-- The clinic's facts as an administrator saves them at /staff/settings: one row (id = 1), which from then on
-- overrides the clinic.* defaults of application.properties everywhere. Saving it is the clinic confirming the facts
-- are real, which ends the sample-values warnings. version is for optimistic locking (two administrators saving at
-- once). Times are clinic time (clinic.time-zone); a day with no opening time is closed.
create table clinic_settings (
    id                           smallint     primary key,
    version                      bigint       not null,
    name                         varchar(200) not null,
    base_url                     varchar(500) not null,
    phone                        varchar(40)  not null,
    email                        varchar(254),
    street                       varchar(200) not null,
    city                         varchar(100) not null,
    province                     varchar(2)   not null,
    postal_code                  varchar(7)   not null,
    latitude                     double precision not null,
    longitude                    double precision not null,
    monday_opens                 time,
    monday_closes                time,
    tuesday_opens                time,
    tuesday_closes               time,
    wednesday_opens              time,
    wednesday_closes             time,
    thursday_opens               time,
    thursday_closes              time,
    friday_opens                 time,
    friday_closes                time,
    saturday_opens               time,
    saturday_closes              time,
    sunday_opens                 time,
    sunday_closes                time,
    closed_on_statutory_holidays boolean      not null,
    booking_url                  varchar(500),
    accepting_new_clients        boolean      not null,
    saved_at                     timestamp with time zone not null,
    saved_by                     varchar(100) not null,
    constraint clinic_settings_one_row check (id = 1)
);
