// The foot of every page (the meeting page and the coordinator area): the
// public body that runs this tavolo, its accessibility statement and the
// address for accessibility feedback, as the server's settings say (GET
// /api/v1/public/site, config "site"). A part that is not set is left out:
// no empty or dead link. The presenter's screen shows no footer (it is a
// shared video screen with no controls; the facilitator's page has it).
// Texts carry data-i18n, so translatePage() switches their language.
import { t } from '../i18n.js';

// The links the settings make: only an absolute web address and an e-mail
// address become links (never javascript: or a relative path). Pure.
export function footerLinks(site) {
  const links = [];
  const url = site?.accessibility_statement_url;
  if (typeof url === 'string' && /^https?:\/\/\S+$/i.test(url)) {
    links.push({ id: 'a11y-statement', key: 'footer_accessibility_statement', href: url });
  }
  const mail = site?.feedback_email;
  if (typeof mail === 'string' && /^[^\s@]+@[^\s@]+$/.test(mail)) {
    links.push({ id: 'a11y-feedback', key: 'footer_accessibility_feedback', href: `mailto:${mail}` });
  }
  return links;
}

function item(link) {
  const a = document.createElement('a');
  a.id = link.id;
  a.href = link.href;
  a.dataset.i18n = link.key;
  a.textContent = t(link.key);
  const li = document.createElement('li');
  li.append(a);
  return li;
}

// Fills `footer` (a <footer> holding a <ul class="footer-links">) with what
// the server's settings give; without an answer (offline, an old server) it
// stays as the page wrote it.
export async function showSiteFooter(footer) {
  let site = null;
  try {
    const res = await fetch('/api/v1/public/site', { credentials: 'same-origin' });
    if (res.ok) site = await res.json();
  } catch { /* nothing to add */ }
  if (!site) return;
  if (typeof site.body_name === 'string' && site.body_name) {
    const body = document.createElement('p');
    body.className = 'site-body';
    body.id = 'site-body';
    body.textContent = site.body_name;
    footer.prepend(body);
  }
  footer.querySelector('.footer-links').append(...footerLinks(site).map(item));
}
