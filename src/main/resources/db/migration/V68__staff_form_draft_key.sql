-- The key of the owner tags on back-office forms (FormDrafts): generated once and kept here, so every instance on
-- the database (nginx spreads requests over two, round-robin) and a restarted one recognise the tags of pages the
-- others rendered. Until now each instance drew its own at start, and a draft came back only if the sign-in after
-- it happened to reach the instance that had rendered its page.
create table staff_form_draft_key (
    id         integer     not null primary key,
    secret     varchar(64) not null,
    created_at timestamp with time zone not null
);
