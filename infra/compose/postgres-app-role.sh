#!/bin/sh
# docker-compose only: give the application role (created by infra/postgres/init.sql, which
# runs first) the password the API nodes and the worker connect with.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$VOICEFILES_DB_PASSWORD" <<'SQL'
alter role voicefiles password :'password';
grant connect on database voicefiles to voicefiles;
SQL
