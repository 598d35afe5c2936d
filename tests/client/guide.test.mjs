// The closing message's link to the community's published plan: followed
// only when it is a web address, whatever shape the meeting carries it in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLink } from '../../client-web/js/views/guide.js';

const origin = 'https://tavolo.example.it';

test('a published plan as a path, an absolute address or an object with a url', () => {
  assert.equal(planLink('/api/v1/public/communities/sanita/plans/2027', origin),
    'https://tavolo.example.it/api/v1/public/communities/sanita/plans/2027');
  assert.equal(planLink('https://other.example.org/piano', origin), 'https://other.example.org/piano');
  assert.equal(planLink({ url: '/piano/2027', year: 2027 }, origin), 'https://tavolo.example.it/piano/2027');
});

test('no plan, or an address that is not a web page, gives no link', () => {
  assert.equal(planLink(undefined, origin), null);
  assert.equal(planLink(null, origin), null);
  assert.equal(planLink('', origin), null);
  assert.equal(planLink({ year: 2027 }, origin), null);
  assert.equal(planLink('javascript:alert(1)', origin), null);
  assert.equal(planLink('data:text/html,<b>x</b>', origin), null);
});
