import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { PostgresAgentKeyStore } from '../../adapters/postgres/postgres.agent-key-store.ts';
import { forEachEngine } from '../support/db.ts';
import { agentKeyStoreContract } from './agent-key-store.contract.ts';

describe('PostgresAgentKeyStore', async () => {
  await forEachEngine(import.meta.url, (ctx) => {
    agentKeyStoreContract(() => ({
      store: new PostgresAgentKeyStore(ctx().db),
      async newTenant() {
        const slug = `t-${randomBytes(5).toString('hex')}`;
        const { rows } = await ctx().db.query("insert into tenants (slug, name, locale) values ($1, $1, 'de') returning id", [slug]);
        return String(rows[0]?.id);
      },
    }));
  });
});
