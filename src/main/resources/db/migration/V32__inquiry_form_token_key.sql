-- The key that signs inquiry form tokens when clinic.inquiry.token-secret is not set: generated once and kept here,
-- so a restart, or a second instance on the same database, still accepts forms shown before it.
create table inquiry_form_token_key (
    id         integer      not null primary key,
    secret     varchar(64)  not null,
    created_at timestamp with time zone not null
);
