// The page's routes: #/join/CODE, #/facilitate/CODE/SECRET, #/present/CODE
// (and #/present/CODE/SECRET, as the facilitator page opens it: the
// presenter's tab keeps the secret and drops it from the address).
export function parseRoute(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  if (parts[0] === 'facilitate' && parts.length >= 3) return { mode: 'facilitate', code: parts[1], secret: parts[2] };
  if (parts[0] === 'present' && parts[1]) return parts[2] ? { mode: 'present', code: parts[1], secret: parts[2] } : { mode: 'present', code: parts[1] };
  if (parts[0] === 'join' && parts[1]) return { mode: 'join', code: parts[1] };
  return { mode: 'join', code: '' };
}

// A join code as people read it: upper case, in two halves (ABCD-2345).
export function shownCode(code) {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/^(.{4})(.+)$/, '$1-$2');
}
