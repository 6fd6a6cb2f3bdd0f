/** SQL of PostgresFileLabels. Every statement filters on `tenant_id = $1`; nothing is built from input. */
import { FILE_COLUMNS } from './file-catalog.queries.ts';

export const SET_TAGS = `
update files as f
set tags = $3::text[]
where f.tenant_id = $1 and f.id = $2 and f.trashed_at is null
returning ${FILE_COLUMNS}`;

export const SET_CATEGORY = `
update files
set category = $3
where tenant_id = $1 and id = $2 and category is distinct from $3`;
