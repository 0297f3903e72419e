-- Replies thread in the person's mail client (issue 23): each reply carries In-Reply-To and References (RFC 5322
-- section 3.6.4) pointing at the previous message of the conversation. A patient's answer keeps its own Message-ID
-- (only its SHA-256 was kept, as the unique key), angle brackets included; at most 250 characters, longer ones are
-- not kept. A reply keeps the two headers as worked out when it was queued. Erased with the person's other data.
alter table inquiry_answer add column message_id varchar(250);
alter table notification add column in_reply_to varchar(250);
alter table notification add column thread_references varchar(2000);
