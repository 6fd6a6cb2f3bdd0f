/**
 * Push latency of uploads across nodes (issue 9): a call's WebSocket session is on node A, the
 * file is uploaded through the /u page API on node B, which alone runs the pipeline; measured
 * is the time from the `ready` version event (as a listener of its own on the same Postgres
 * receives the NOTIFY) to the `notifications/message` with state `ready` arriving at the
 * client of node A. Node A's share: the look-up of the file's request, the describe
 * sentence, the frame. The NOTIFY's own delivery after commit (below a millisecond on one
 * host) is in neither side's clock and so not in the figure.
 */
import { PostgresNotifyEventBus } from '../../adapters/events/postgres-notify.event-bus.ts';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { startTwoNodes, twoNodesAvailable } from '../support/two-nodes.ts';
import { openUpload, uploadThroughPage } from '../support/upload-page-client.ts';
import { latencyRow, now, printTable, summarize } from './bench-kit.ts';

const UPLOADS = Number(process.env.BENCH_UPLOAD_PUSHES ?? 60);
const WARM_UP = 5;

export async function benchUploadPush(): Promise<Record<string, number | string>> {
  if (!twoNodesAvailable) return { skipped: 'no PostgreSQL server' };
  const nodes = await startTwoNodes({ envA: { PIPELINE_WORKERS: 'false' }, env: { WS_RATE_PER_SECOND: '1000', WS_RATE_BURST: '2000' } });
  const db = new PgDatabase({ connectionString: nodes.databaseUrl, maxConnections: 2 });
  const bus = new PostgresNotifyEventBus({ database: db, onError: () => undefined });
  try {
    const slug = 'push-bench';
    const { id: tenantId, apiKey } = await nodes.a.createTenant(slug);
    const readyAt = new Map<string, number>();
    await bus.subscribe(tenantId, (event) => {
      if (event.type === 'version.status' && event.data.status === 'ready') readyAt.set(String(event.data.file_id), now());
    });
    const token = await nodes.a.sessionToken(apiKey, { role: 'staff', call_id: 'push-bench', scopes: ['read', 'upload'] });
    const ws = await McpTestClient.connect(nodes.a.url, token);
    await ws.initialize();
    const heardAt = new Map<string, number>();
    ws.ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { method?: string; params?: { data?: { state?: string; file_id?: string } } };
      if (message.method === 'notifications/message' && message.params?.data?.state === 'ready') heardAt.set(String(message.params.data.file_id), now());
    });
    const samples: number[] = [];
    const endToEnd: number[] = [];
    let request = await ws.callTool('request-upload', { purpose: 'benchmark files', max_files: 10 });
    let opened = await openUpload(`${nodes.b.url}/u/${slug}`, request.data.code as string);
    let inRequest = 0;
    for (let i = 0; i < UPLOADS + WARM_UP; i++) {
      if (inRequest === 10) {
        request = await ws.callTool('request-upload', { purpose: 'benchmark files', max_files: 10 });
        opened = await openUpload(`${nodes.b.url}/u/${slug}`, request.data.code as string);
        inRequest = 0;
      }
      const started = now();
      const sent = await uploadThroughPage(nodes.b.url, opened.ticket!, `note-${i}.txt`, Buffer.from(`Benchmark note number ${i}: the quarterly figures.\n`));
      inRequest++;
      const fileId = sent.file?.file_id;
      if (!fileId) throw new Error(`upload ${i} failed: ${JSON.stringify(sent.body)}`);
      const deadline = Date.now() + 30_000;
      while (!(heardAt.has(fileId) && readyAt.has(fileId))) {
        if (Date.now() > deadline) throw new Error(`no ready notification for upload ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      if (i >= WARM_UP) {
        samples.push(heardAt.get(fileId)! - readyAt.get(fileId)!);
        endToEnd.push(heardAt.get(fileId)! - started);
      }
    }
    await ws.close();
    const push = summarize(samples);
    const whole = summarize(endToEnd);
    printTable(`upload push latency, ${samples.length} uploads (node B: page and pipeline; node A: the call's WebSocket)`, [
      latencyRow('ready event -> notification on node A', push),
      latencyRow('page upload start -> ready heard on node A', whole),
    ]);
    return { uploads: samples.length, push_p50_ms: push.median, push_p95_ms: push.p95, push_max_ms: push.max, upload_to_ready_heard_p50_ms: whole.median, upload_to_ready_heard_p95_ms: whole.p95 };
  } finally {
    await bus.close();
    await db.close();
    await nodes.stop();
  }
}
