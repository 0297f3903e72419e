-- Each email's own Message-ID (RFC 5322 section 3.6.4), made when it is queued, so a patient's answer can be matched
-- to the inquiry by its In-Reply-To and References headers. Only the part before the @ is stored: the host after it
-- follows the site's address, which may change between the email and the answer.
alter table notification add column message_id varchar(64);
create index notification_message_id_idx on notification (message_id);

-- Addresses that unsubscribed (Canada's anti-spam law, RFC 8058 one-click): the SHA-256 of the address in lower
-- case, hex, never the address itself. The outbox checks it before sending anything that is not a direct answer.
create table mail_suppression (
    address_hash varchar(64) not null primary key,
    created_at   timestamp with time zone not null
);

-- The key that signs unsubscribe links: generated once and kept here, so a link made by one instance works on every
-- other one and after a restart.
create table mail_unsubscribe_key (
    id         integer     not null primary key,
    secret     varchar(64) not null,
    created_at timestamp with time zone not null
);
