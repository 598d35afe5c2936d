// The page's routes and its two languages: every string in both tables, and
// counts in words by each language's plural rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoute, shownCode } from '../../client-web/js/meeting/route.js';
import it from '../../client-web/js/i18n/it.js';
import en from '../../client-web/js/i18n/en.js';
import { setLanguage, t, tn } from '../../client-web/js/i18n.js';

test('routes', () => {
  assert.deepEqual(parseRoute('#/join/ABCD-2345'), { mode: 'join', code: 'ABCD-2345' });
  assert.deepEqual(parseRoute('#/facilitate/ABCD2345/s3cret'), { mode: 'facilitate', code: 'ABCD2345', secret: 's3cret' });
  assert.deepEqual(parseRoute('#/present/ABCD2345'), { mode: 'present', code: 'ABCD2345' });
  assert.deepEqual(parseRoute('#/present/ABCD2345/s3cret'), { mode: 'present', code: 'ABCD2345', secret: 's3cret' });
  assert.deepEqual(parseRoute(''), { mode: 'join', code: '' });
  assert.deepEqual(parseRoute('#/facilitate/ABCD2345'), { mode: 'join', code: '' });
  // A broken escape is kept as typed rather than throwing.
  assert.deepEqual(parseRoute('#/join/%E0%A4%A'), { mode: 'join', code: '%E0%A4%A' });
  assert.equal(shownCode('abcd 2345'), 'ABCD-2345');
});

test('both languages have the same strings, and the same placeholders in each', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(it).sort());
  const holes = (s) => (s.match(/\{\w+\}/g) ?? []).sort();
  for (const key of Object.keys(it)) assert.deepEqual(holes(en[key]), holes(it[key]), key);
});

test('counts are singular or plural by the language', () => {
  setLanguage('it');
  assert.equal(tn('supports', 1), '1 sostegno');
  assert.equal(tn('supports', 0), '0 sostegni');
  assert.equal(tn('group_members', 1), '1 contributo');
  assert.equal(tn('group_members', 3), '3 contributi');
  setLanguage('en');
  assert.equal(tn('supports', 1), '1 support');
  assert.equal(tn('supports', 2), '2 supports');
  assert.equal(tn('presence', 1), '1 participant connected');
  assert.equal(t('switch_language'), 'Italiano');
  setLanguage('it');
});
