// The coordinator area's API client: JSON in and out of /api/v1 (docs/api.md)
// with the session cookie, errors as ApiError {status, code, message}, the
// page's busy line while a request is out, and what a 401 means: the session
// is gone, so this device forgets it had one and the page asks to sign in.
// An edit names the version it changes (`ifMatch`, the ETag read with it); a
// 412 error carries the current version (`current`, `etag`) to show.
import { t } from '../i18n.js';

let signedOut = () => {};
// `fn` runs when a request other than the session check answers 401.
export function whenSignedOut(fn) {
  signedOut = fn;
}

// Whether a session was opened on this device. Without the mark the page does
// not ask the server who is signed in: the answer would be a 401, which the
// browser logs as an error on a page that has nothing wrong. Set on sign-in,
// cleared on sign-out and on any 401 (the cookie expired or was revoked).
const sessionMark = 'tavolo.coordinator.signed_in';
export function markSession(open) {
  try {
    if (open) localStorage.setItem(sessionMark, '1'); else localStorage.removeItem(sessionMark);
  } catch { /* storage off: the page asks the server every time, as before */ }
}
export function sessionMarked() {
  try { return localStorage.getItem(sessionMark) !== null; } catch { return true; }
}

export class ApiError extends Error {
  constructor(status, code, message, { current, etag } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.current = current;
    this.etag = etag;
  }
}

export async function api(method, path, body, options) {
  return (await apiVersioned(method, path, body, options)).body;
}

// Like api(), with the answer's ETag: {body, etag}.
export async function apiVersioned(method, path, body, { raw = false, type, ifMatch } = {}) {
  const headers = {};
  if (ifMatch) headers['if-match'] = ifMatch;
  let payload;
  if (body !== undefined) {
    if (raw) { payload = body; headers['content-type'] = type || 'application/octet-stream'; } else {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
  }
  document.getElementById('busy').textContent = t('coord_loading');
  try {
    const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const e = json.error ?? {};
      throw new ApiError(res.status, e.code ?? 'http', e.message ?? `HTTP ${res.status}`, { current: json.current, etag: json.etag });
    }
    return { body: json, etag: res.headers.get('etag') };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      markSession(false);
      if (path !== '/api/v1/session') signedOut();
    }
    throw err instanceof ApiError ? err : new ApiError(0, 'network', t('coord_error_network'));
  } finally {
    document.getElementById('busy').textContent = '';
  }
}
