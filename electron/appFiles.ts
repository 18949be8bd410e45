// Answers one app://kiosk/ request from the renderer folder. Electron-free (fetch's Request and
// Response are Node globals too), so the tests serve real files through it; protocol.ts only
// plugs it into protocol.handle. Which file, its MIME type and headers come from security.ts.
import fs from 'node:fs/promises';
import { appResponseHeaders, contentTypeFor, isInside, resolveAppFile } from './security.js';

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

export async function serveAppFile(rootDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
  const file = resolveAppFile(rootDir, request.url);
  if (!file) return plain(404, 'Not found.');
  try {
    // Resolve symlinks too: a link inside dist/renderer must not lead outside it.
    const [realRoot, realFile] = await Promise.all([fs.realpath(rootDir), fs.realpath(file)]);
    if (!isInside(realRoot, realFile)) return plain(404, 'Not found.');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(realFile));
    return new Response(body, { status: 200, headers: appResponseHeaders(contentTypeFor(realFile)) });
  } catch {
    // Missing, a folder, or unreadable: all the same to the page.
    return plain(404, 'Not found.');
  }
}
