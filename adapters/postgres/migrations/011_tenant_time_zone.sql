-- The tenant's time zone (issue 8): relative dates in spoken queries ("yesterday", "last week")
-- are days on the tenant's calendar. An IANA zone name, checked and canonicalised by the
-- application with Intl (the database has no list that matches the runtime's); the check here
-- only bounds the value. tenants is a platform table without row-level security (001).
alter table tenants add column time_zone text not null default 'UTC'
  check (char_length(time_zone) between 1 and 64 and time_zone ~ '^[A-Za-z][A-Za-z0-9_+/-]*$');
