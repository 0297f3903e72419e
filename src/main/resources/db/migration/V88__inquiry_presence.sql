-- Who has an inquiry open (issue 23, "nobody answers twice"): one row per inquiry and staff account, its time
-- renewed while the page stays open, so others opening it see who was looking in the last few minutes.
create table inquiry_presence (
    inquiry_id       bigint       not null,
    staff_account_id bigint       not null,
    display_name     varchar(100) not null,
    seen_at          timestamp with time zone not null,
    constraint inquiry_presence_pk primary key (inquiry_id, staff_account_id),
    constraint inquiry_presence_inquiry_fk foreign key (inquiry_id) references inquiry (id) on delete cascade
);
