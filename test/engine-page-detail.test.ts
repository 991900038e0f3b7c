// The preview inspector's body is masked before it is cut: a secret that crosses the kept size never shows its first
// part (cut first, the masker no longer recognised it).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {pageDetail} from '../source/engine/page-detail.js';
import {createMasker} from '../source/connection-spec/masker.js';

test('a secret across the cut: masked, then cut; the cut is said', () => {
	const secret = 'tok_CROSSING_THE_CUT_123456';
	const bodyChars = 100;
	// The secret starts 10 characters before the cut.
	const head = '{"notes": "';
	const body = `${head}${'x'.repeat(bodyChars - 10 - head.length)}${secret}", "more": "${'y'.repeat(500)}"}`;
	assert.equal(body.indexOf(secret), bodyChars - 10);
	const detail = pageDetail(
		{url: 'https://api.example.test/items?limit=2', sentHeaders: {}, headers: {}, raw: Buffer.from(body)},
		createMasker([secret]),
		bodyChars,
	);
	assert.equal(detail.cut, true);
	assert.ok(detail.body.length <= bodyChars);
	assert.equal(detail.body.includes(secret.slice(0, 10)), false, detail.body);
	assert.match(detail.body, /\*\*\*/);
});

test('a body within the kept size is kept whole, masked', () => {
	const detail = pageDetail(
		{url: 'https://api.example.test/items', sentHeaders: {}, headers: {}, raw: Buffer.from('{"token": "abc-secret-1"}')},
		createMasker(['abc-secret-1']),
		100,
	);
	assert.equal(detail.cut, false);
	assert.equal(detail.body.includes('abc-secret-1'), false);
});
