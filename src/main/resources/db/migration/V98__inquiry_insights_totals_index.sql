-- The insights page's totals (issue 24, second pass): inquiries, reached booked and answered in the period and the
-- period before, the page's two costliest statements. No index held all four columns they read, so both databases
-- read every inquiry of the period from the table: on PostgreSQL with 100,000 inquiries, 4,396 buffers and 113 ms
-- for the default 12 weeks at a load of about 55, against 52 buffers and 14 ms with this index (an index-only scan),
-- benchmark/back-office.sh's data, EXPLAIN (ANALYZE, BUFFERS), 2026-12-06.
create index inquiry_arrival_totals_idx on inquiry (arrival_day, status, reached_booked, first_response_open_seconds);
