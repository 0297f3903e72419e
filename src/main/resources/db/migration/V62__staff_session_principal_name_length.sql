-- A staff session is indexed under its person's email (Spring Session's principal name), which is how a change to
-- an account finds that person's sessions to end them. Spring Session's own schema (V44) gives the column 100
-- characters, but an email may have up to 254 (RFC 5321's limit, the staff forms' too): the session of a person
-- with a longer address could not be stored at all, so they could never sign in.
alter table spring_session alter column principal_name set data type varchar(254);
