-- Nothing is forgotten (issue 23): an inquiry put away until a time (snooze), a follow-up reminder to its assignee,
-- the one overdue email per inquiry, and the stamp of the last answer, carried by the inbox's forms so an answer
-- or change made since a page was opened is seen before another is sent.
alter table inquiry add column snoozed_until timestamp with time zone;
alter table inquiry add column remind_at timestamp with time zone;
alter table inquiry add column remind_staff_id bigint;
alter table inquiry add column overdue_alerted_at timestamp with time zone;
alter table inquiry add column last_answered_at timestamp with time zone;
-- Inquiries stored before this release count as already alerted: an upgrade must not email about every old one.
update inquiry set overdue_alerted_at = created_at;
create index inquiry_remind_at on inquiry (remind_at);
create index inquiry_overdue_unalerted on inquiry (status, overdue_alerted_at);

-- Emails to staff written when queued (a reminder, an overdue alert, the daily overdue summary, the weekly digest)
-- may carry an HTML part beside the plain text.
alter table notification add column html_body varchar(30000);
