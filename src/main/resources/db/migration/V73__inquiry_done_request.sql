-- Requests already carried out on an inquiry (a note, a call, a reply), by the one-time key its form carried when
-- the page was opened: a double click, or the same form sent twice, is carried out once and the second post ends
-- like the first. Written with the inquiry's row locked, so the second post sees the first's key.
create table inquiry_done_request (
    inquiry_id  bigint      not null,
    request_key varchar(36) not null,
    done_at     timestamp with time zone not null,
    constraint inquiry_done_request_pk primary key (inquiry_id, request_key),
    constraint inquiry_done_request_inquiry_fk foreign key (inquiry_id) references inquiry (id) on delete cascade
);
