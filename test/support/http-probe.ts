import http from 'node:http';

/** The status of a WebSocket upgrade to `/v1/agent` with this token: 101 when accepted, else the refusal's status and error code. */
export function upgradeStatus(baseUrl: string, token: string): Promise<{ status: number; code: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}/v1/agent`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Protocol': 'mcp',
        authorization: `Bearer ${token}`,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve({ status: 101, code: null });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(body || '{}') as { error?: { code?: string } }).error?.code ?? null }));
    });
    req.on('error', reject);
    req.end();
  });
}
