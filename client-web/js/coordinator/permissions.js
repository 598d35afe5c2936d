// What the signed-in account may change, as the server's roles say
// (docs/api.md, "Roles"): pure functions of the account {role, communities},
// and lockView(), which hides a view's buttons and freezes its fields when the
// account may only read it. The server refuses such changes anyway (403); the
// page just does not offer them.
export function isAdmin(account) {
  return account?.role === 'admin';
}

// Referents and admins: every community, new communities, publishing.
export function isReferent(account) {
  return account?.role === 'admin' || account?.role === 'referent';
}

// Whether the account changes the community `slug` (its meetings, people,
// objectives, plan versions and share links).
export function mayChange(account, slug) {
  if (isReferent(account)) return true;
  return account?.role === 'co-coordinator' && (account.communities ?? []).includes(slug);
}

// Read-only: forms that only make something new (data-need) go, no button
// offers a change, the fields of the other forms are frozen, and a line
// under the title says why. Links (navigation, downloads) stay.
export function lockView(root, notice) {
  for (const el of root.querySelectorAll('[data-need]')) el.hidden = true;
  for (const button of root.querySelectorAll('button')) button.hidden = true;
  // Fields outside forms only move around (the year shown): they stay.
  for (const control of root.querySelectorAll('form input, form select, form textarea')) control.disabled = true;
  const title = root.querySelector('h1');
  if (title && notice) {
    const p = document.createElement('p');
    p.className = 'read-only-notice';
    p.textContent = notice;
    title.after(p);
  }
}

// Only the buttons marked as needing a referent (publishing) go.
export function hideReferentActions(root) {
  for (const el of root.querySelectorAll('[data-need="referent"]')) el.hidden = true;
}
