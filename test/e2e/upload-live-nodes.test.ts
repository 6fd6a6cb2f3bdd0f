import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpTestClient } from '../support/mcp-client.ts';
import { startTwoNodes, twoNodesAvailable, type TwoNodes } from '../support/two-nodes.ts';
import { openUpload, uploadThroughPage } from '../support/upload-page-client.ts';

/**
 * Live updates across server nodes (issue 9): a staff call's sessions are on node A (the
 * official SDK client over Streamable HTTP and legacy SSE, and our WebSocket), the upload arrives on node B's
 * /u page, the pipeline runs on whichever node takes the job, and the call on A hears every
 * move with speech: notifications/message, notifications/resources/updated for the subscribed
 * request, notifications/progress for the token the request-upload call carried.
 */
let nodes: TwoNodes;
let tenant: { id: string; apiKey: string };

beforeAll(async () => {
  if (!twoNodesAvailable) return;
  nodes = await startTwoNodes();
  tenant = await nodes.a.createTenant('two-nodes');
}, 120_000);
afterAll(async () => nodes?.stop());

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!twoNodesAvailable)(twoNodesAvailable ? 'upload requests across two server nodes on one Postgres' : 'upload requests across nodes (skipped: no PostgreSQL server)', () => {
  it('the call on node A hears received, being checked and ready with a description while the file is uploaded on node B', async () => {
    const token = await nodes.a.sessionToken(tenant.apiKey, { role: 'staff', call_id: 'call-upload-1', scopes: ['read', 'upload'] });
    const sdkMessages: Array<Record<string, any>> = [];
    const updated: string[] = [];
    const client = new Client({ name: 'sdk-test', version: '1.0.0' });
    client.setNotificationHandler('notifications/message', (n: any) => void sdkMessages.push(n.params.data));
    client.setNotificationHandler('notifications/resources/updated', (n: any) => void updated.push(n.params.uri));
    await client.connect(new StreamableHTTPClientTransport(new URL(`${nodes.a.url}/v1/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    const ws = await McpTestClient.connect(nodes.a.url, token);
    await ws.initialize();
    // A third session of the same call on the legacy HTTP+SSE transport.
    const sseMessages: Array<Record<string, any>> = [];
    const sse = new Client({ name: 'sdk-sse', version: '1.0.0' });
    sse.setNotificationHandler('notifications/message', (n: any) => void sseMessages.push(n.params.data));
    const auth = { authorization: `Bearer ${token}` };
    await sse.connect(
      new SSEClientTransport(new URL(`${nodes.a.url}/v1/sse`), {
        requestInit: { headers: auth },
        eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...auth } }) },
      }),
    );

    // The request, from the WebSocket session with a progress token.
    const reply = await ws.request('tools/call', { name: 'request-upload', arguments: { purpose: 'the signed contract', max_files: 2, types: ['document', 'text'] }, _meta: { progressToken: 'up-1' } });
    const result = (reply.result as { structuredContent: Record<string, any>; content: Array<{ text: string }> });
    expect(result.content[0]!.text).toMatch(/^I've set up an upload for the signed contract\. Open the upload page and enter this code: \w+, \w+, \w+\. \w+, \w+, \w+\. I'll let you know/);
    const { upload_id: uploadId, code, resource_uri: uri, link } = result.structuredContent;
    expect(link).toBe(`${nodes.a.url}/u/two-nodes`);
    expect(result.structuredContent).toMatchObject({ max_files: 2, open: true, files: [], keypad: expect.stringMatching(/^\d{3}( \d{3}){5}$/) });
    await client.subscribeResource({ uri });
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual([uri]);

    // The page, on node B: the code as someone types it (upper case, spaces instead of hyphens).
    const opened = await openUpload(`${nodes.b.url}/u/two-nodes`, String(code).replace(/-/g, ' ').toUpperCase());
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.upload).toMatchObject({ upload_id: uploadId, purpose: 'the signed contract' });
    const sent = await uploadThroughPage(nodes.b.url, opened.ticket!, 'Signed Contract.txt', Buffer.from('This contract is signed by both parties on the first of December.\n'));
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const fileId = sent.file!.file_id!;

    const ready = await until('ready on the SDK session', () => sdkMessages.find((m) => m.state === 'ready'));
    expect(ready).toMatchObject({ type: 'upload.update', upload_id: uploadId, uri, file_id: fileId, name: 'Signed Contract.txt', file: { file_id: fileId } });
    expect(ready.speech).toMatch(/^Signed Contract is ready\. .*text file/);
    expect(sdkMessages.map((m) => m.state)).toEqual(['received', 'checking', 'ready']);
    expect(sdkMessages[0]!.speech).toBe("Signed Contract has arrived. I'm having it checked now.");
    expect(updated.length).toBeGreaterThanOrEqual(3);
    expect(new Set(updated)).toEqual(new Set([uri]));

    // The WebSocket session of the same call heard the same, and progress for its token.
    const wsMessages = await until('ready on the WebSocket', () => {
      const data = ws.unmatched.filter((m) => m.method === 'notifications/message').map((m) => (m.params as any).data);
      return data.some((d) => d.state === 'ready') ? data : undefined;
    });
    expect(wsMessages.map((d: any) => d.state)).toEqual(['received', 'checking', 'ready']);
    await until('ready on the SSE session', () => sseMessages.find((m) => m.state === 'ready'));
    expect(sseMessages.map((m) => m.state)).toEqual(['received', 'checking', 'ready']);
    // Progress follows the message of the same move.
    const progress = await until('three progress notifications', () => {
      const seen = ws.unmatched.filter((m) => m.method === 'notifications/progress').map((m) => m.params as any);
      return seen.length >= 3 ? seen : undefined;
    });
    expect(progress.map((p) => p.progressToken)).toEqual(['up-1', 'up-1', 'up-1']);
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3]);

    // upload-status for platforms without notifications, on node B this time.
    const other = await McpTestClient.connect(nodes.b.url, token);
    await other.initialize();
    const status = await other.callTool('upload-status', { upload_id: uploadId });
    expect(status.data).toMatchObject({ upload_id: uploadId, files: [{ name: 'Signed Contract.txt', state: 'ready', file_id: fileId }] });
    expect(status.speech).toMatch(/^Signed Contract is ready\./);
    const read = await client.readResource({ uri });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ upload_id: uploadId, files: [{ state: 'ready' }] });
    await Promise.all([ws.close(), other.close(), client.close(), sse.close()]);
  }, 60_000);

  it('another call cannot read the request, and a refused type is stopped on the server and told to the call', async () => {
    const token = await nodes.a.sessionToken(tenant.apiKey, { role: 'staff', call_id: 'call-upload-2', scopes: ['read', 'upload'] });
    const ws = await McpTestClient.connect(nodes.a.url, token);
    await ws.initialize();
    const asked = await ws.callTool('request-upload', { purpose: 'a photo of the meter', types: ['jpg'], max_bytes: 1000 });
    const uploadId = asked.data.upload_id as string;
    const stranger = await McpTestClient.connect(nodes.a.url, await nodes.a.sessionToken(tenant.apiKey, { role: 'staff', call_id: 'someone-else', scopes: ['read', 'upload'] }));
    await stranger.initialize();
    expect((await stranger.callTool('upload-status', { upload_id: uploadId })).data).toMatchObject({ error: { code: 'not_found' } });

    const opened = await openUpload(`${nodes.b.url}/u/two-nodes`, asked.data.code as string);
    const wrongType = await uploadThroughPage(nodes.b.url, opened.ticket!, 'notes.txt', Buffer.from('not a photo'));
    expect(wrongType).toMatchObject({ status: 415, body: { error: { code: 'type_not_allowed' } } });
    const tooBig = await uploadThroughPage(nodes.b.url, opened.ticket!, 'meter.jpg', Buffer.alloc(2000, 1));
    expect(tooBig).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large', details: { max_bytes: 1000 } } } });
    // Bytes that claim to be a JPEG but are not: refused at completion, and the call hears why.
    const fake = await uploadThroughPage(nodes.b.url, opened.ticket!, 'meter.jpg', Buffer.from('plain text pretending to be a photo'));
    expect(fake.file).toMatchObject({ state: 'rejected', reason: 'type_mismatch' });
    const told = await until('the refusal', () => ws.unmatched.find((m) => m.method === 'notifications/message' && (m.params as any).data.state === 'rejected'));
    expect((told.params as any).data.speech).toBe("Meter wasn't accepted because its content doesn't match its name.");
    await Promise.all([ws.close(), stranger.close()]);
  }, 60_000);
});
