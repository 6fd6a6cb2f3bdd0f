-- A slot is taken in by one completion only: completing claims it first (claimed_at), so two
-- concurrent completions of the same bytes cannot record two files past the request's max_files.
-- A completion that cannot finish for a passing reason (bytes not there yet, database away)
-- releases its claim.
alter table upload_request_files add column claimed_at timestamptz;
