/** The /u page's API as a script drives it (what upload-page.js does in a browser). */
export interface PageFile {
  blob_id: string;
  name: string;
  state: string;
  reason?: string;
  file_id?: string;
}

/** `pageUrl` is the tenant's page, `<origin>/u/<slug>` (request-upload's `link`). */
export async function openUpload(pageUrl: string, code: string, headers: Record<string, string> = {}): Promise<{ status: number; ticket?: string; body: Record<string, any>; retryAfter: string | null }> {
  const res = await fetch(`${pageUrl}/open`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code }) });
  const body = (await res.json()) as Record<string, any>;
  return { status: res.status, ...(body.ticket ? { ticket: body.ticket as string } : {}), body, retryAfter: res.headers.get('retry-after') };
}

/** Announce, send straight to the storage link, complete: the page's three steps for one file. */
export async function uploadThroughPage(baseUrl: string, ticket: string, name: string, bytes: Buffer, options: { declaredSize?: number } = {}): Promise<{ status: number; body: Record<string, any>; file?: PageFile }> {
  const auth = { authorization: `Bearer ${ticket}`, 'content-type': 'application/json' };
  const reserved = await fetch(`${baseUrl}/u/api/files`, { method: 'POST', headers: auth, body: JSON.stringify({ name, size: options.declaredSize ?? bytes.length }) });
  const slot = (await reserved.json()) as Record<string, any>;
  if (reserved.status !== 201) return { status: reserved.status, body: slot };
  const sent = await sendToStorage(slot.upload, bytes, name);
  if (sent.status >= 300) return { status: sent.status, body: { storage: sent.text } };
  const completed = await fetch(`${baseUrl}/u/api/files/${slot.blob_id}/complete`, { method: 'POST', headers: auth });
  const body = (await completed.json()) as Record<string, any>;
  const file = (body.upload?.files as PageFile[] | undefined)?.find((f) => f.blob_id === slot.blob_id);
  return { status: completed.status, body, ...(file ? { file } : {}) };
}

export async function sendToStorage(upload: { method: string; url: string; fields: Record<string, string> }, bytes: Buffer, name: string): Promise<{ status: number; text: string }> {
  if (upload.method === 'PUT') {
    const res = await fetch(upload.url, { method: 'PUT', headers: upload.fields, body: bytes });
    return { status: res.status, text: await res.text() };
  }
  const form = new FormData();
  for (const [key, value] of Object.entries(upload.fields)) form.append(key, value);
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(upload.url, { method: 'POST', body: form });
  return { status: res.status, text: await res.text() };
}

export async function pageStatus(baseUrl: string, ticket: string): Promise<Record<string, any>> {
  const res = await fetch(`${baseUrl}/u/api/status`, { headers: { authorization: `Bearer ${ticket}` } });
  return (await res.json()) as Record<string, any>;
}
