// The sandbox masks what it echoes from a source failure through the one Masker (connection-spec/masker.ts), like
// the client and the engine: form- and JSON-encoded secrets are masked too, and an auth spec named "Basic
// Authentication" stays readable (a bare maskKnownPatterns would turn it into "Basic ***").
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sourceFailure} from '../source/sandbox/explore.js';
import {scrub} from '../source/workflow/progress.js';

const secret = 'pw with "quotes" & space';

function messageOf(error: {body?: unknown}): string {
	return String((error.body as {errorMessage?: string}).errorMessage);
}

test('explore failures from the sandbox mask a secret in its plain, form- and JSON-encoded forms', () => {
	const form = new URLSearchParams({v: secret}).toString().slice(2);
	const json = JSON.stringify(secret).slice(1, -1);
	const failure = sourceFailure(
		{code: 'source-auth', status: 401, message: `GET /items?pw=${form} answered 401: {"echo":"${json}"} raw ${secret}`, hint: 'Check Basic Authentication.'},
		[secret],
	);
	const text = messageOf(failure as {body?: unknown});
	assert.equal(text.includes(form), false, text);
	assert.equal(text.includes(json), false, text);
	assert.equal(text.includes(secret), false, text);
	assert.match(text, /Check Basic Authentication\./);
	assert.match(text, /answered 401/);
});

test("the workflow's scrub masks the same encodings and keeps auth spec names readable", () => {
	const form = new URLSearchParams({v: secret}).toString().slice(2);
	const text = scrub(`auth spec "Basic Authentication" sent pw=${form}`, [secret]);
	assert.equal(text.includes(form), false, text);
	assert.match(text, /auth spec "Basic Authentication"/);
});
