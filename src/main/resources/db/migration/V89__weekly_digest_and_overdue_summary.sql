-- The weekly digest (issue 23): each account may turn it off on My account; administrators get it by default.
alter table staff_account add column weekly_digest boolean default true not null;

-- Each summary is queued once, whatever the number of instances: the first to insert its period's row sends it.
create table inquiry_overdue_summary (
    summary_day date not null,
    queued_at   timestamp with time zone not null,
    constraint inquiry_overdue_summary_pk primary key (summary_day)
);
create table notification_weekly_digest (
    week_starting date not null,
    queued_at     timestamp with time zone not null,
    constraint notification_weekly_digest_pk primary key (week_starting)
);
