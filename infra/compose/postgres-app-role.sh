#!/bin/sh
# docker-compose only: give the two roles that infra/postgres/init.sql creates (it runs first)
# the passwords the API nodes and the worker connect with: voicefiles (the owner, migrations)
# and voicefiles_app (requests and jobs).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$VOICEFILES_DB_PASSWORD" -v app_password="$VOICEFILES_APP_DB_PASSWORD" <<'SQL'
alter role voicefiles password :'password';
alter role voicefiles_app password :'app_password';
grant connect on database voicefiles to voicefiles, voicefiles_app;
SQL
