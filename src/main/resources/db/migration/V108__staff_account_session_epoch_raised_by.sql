-- Which session raised an account's session epoch by the person's own change (a password, the authenticator app,
-- recovery codes, a passkey), as the SHA-256 of its session id and the epoch it raised, in lower-case hex; null
-- when an administrator's change, a new email or a start-up raised it. The session making a change stays signed
-- in, but a request of that same session running beside the change (another tab) had loaded its copy of the session
-- before the change could save the new epoch into it, and was ended as if it were another computer's
-- (AccountStateFilter; a failing race test found it). With this column the filter knows the epoch was raised by
-- that very session and lets it through.
alter table staff_account add column session_epoch_raised_by varchar(64);
