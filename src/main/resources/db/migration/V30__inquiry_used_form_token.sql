-- The ids of inquiry form tokens already used, so a token is accepted once even across restarts and instances.
-- Rows are needed only while the token could still be posted; a scheduled job deletes older ones.
create table inquiry_used_form_token (
    token_id varchar(64) not null primary key,
    used_at  timestamp with time zone not null
);
create index inquiry_used_form_token_used_at_idx on inquiry_used_form_token (used_at);
