-- The owner's insights take the median time from a patient's answer to the clinic's next reply over the answers
-- replied to in a period; this index lets the database read just those.
create index inquiry_answer_replied_idx on inquiry_answer (replied_at, reply_open_seconds);
