// The footer's links from the server's site settings: only what is set, only
// a web address and an e-mail address as links.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { footerLinks } from '../../client-web/js/ui/site_footer.js';

test('both settings give the statement link and the feedback mailto, in that order', () => {
  assert.deepEqual(footerLinks({
    body_name: 'Regione Esempio',
    accessibility_statement_url: 'https://form.agid.gov.it/view/abc',
    feedback_email: 'accessibilita@regione.example',
  }), [
    { id: 'a11y-statement', key: 'footer_accessibility_statement', href: 'https://form.agid.gov.it/view/abc' },
    { id: 'a11y-feedback', key: 'footer_accessibility_feedback', href: 'mailto:accessibilita@regione.example' },
  ]);
});

test('nothing set, or no answer, gives no link', () => {
  assert.deepEqual(footerLinks({ body_name: null, accessibility_statement_url: null, feedback_email: null }), []);
  assert.deepEqual(footerLinks(null), []);
  assert.deepEqual(footerLinks({ accessibility_statement_url: '', feedback_email: '' }), []);
});

test('only web addresses and e-mail addresses become links', () => {
  assert.deepEqual(footerLinks({ accessibility_statement_url: 'javascript:alert(1)', feedback_email: 'nobody' }), []);
  assert.deepEqual(footerLinks({ accessibility_statement_url: '/accessibilita' }), []);
  assert.equal(footerLinks({ feedback_email: 'a@b.example' })[0].href, 'mailto:a@b.example');
});
