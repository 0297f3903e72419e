-- A fingerprint (SHA-256) of what was sent with each used form token, so a second post of the same form can tell
-- a repeat (same confirmation) from an edited resend (the form comes back to be sent as a new inquiry).
-- Empty for tokens used before this column existed.
alter table inquiry_used_form_token add column content_digest varchar(64);
