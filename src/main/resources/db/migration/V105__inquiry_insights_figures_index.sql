-- The insights page's weekly figures and the period's totals (issue 24, third pass) read one index: the weeks' counts
-- now also add up "reached booked", so the period's counts are the weeks' added up instead of another pass over
-- the period, and both need arrival day, status, week, reached booked and the first response's time and verdict.
-- This index holds all of them, so both databases answer from it without reading the rows. It takes the place of
-- V58's inquiry_arrival_response_idx and V98's inquiry_arrival_totals_idx, whose columns it holds in an order both
-- statements' ranges (the arrival day) and filters use: every statement that read either reads this one.
create index inquiry_arrival_figures_idx on inquiry
  (arrival_day, status, arrival_week, reached_booked, first_response_open_seconds, first_response_in_time);
drop index inquiry_arrival_response_idx;
drop index inquiry_arrival_totals_idx;
