// The wizard's curl field never draws a credential: what is pasted shows with every token, password and key as
// dots (same length, so editing still works), in every frame, while the real text is what gets parsed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from './helpers/ink.js';
import {pressUntil, renderWizard} from './helpers/ui-wizard.js';
import {maskCurlForDisplay} from '../source/bootstrap/credential-names.js';

const secrets = ['tok_Bearer_SECRET_1', 'pw_SECRET_2', 'key_SECRET_3', 'qs_SECRET_4', 'body_SECRET_5', 'json_SECRET_6'];
const line =
	`curl -u ada:${secrets[1]} -H 'Authorization: Bearer ${secrets[0]}' -H "X-Api-Key: ${secrets[2]}" -H 'Accept: application/json' ` +
	`'https://api.example.test/v2/items?limit=10&api_key=${secrets[3]}' -d 'client_secret=${secrets[4]}&scope=read' ` +
	`--data-raw '{"password": "${secrets[5]}", "name": "ada"}'`;

test('maskCurlForDisplay: same length, credentials as dots, everything else as typed', () => {
	const shown = maskCurlForDisplay(line);
	assert.equal(shown.length, line.length);
	for (const secret of secrets) assert.equal(shown.includes(secret), false, `${secret} in ${shown}`);
	assert.match(shown, /-u ada:•{11} /);
	assert.match(shown, /Authorization: Bearer •{19}'/);
	assert.match(shown, /Accept: application\/json/);
	assert.match(shown, /limit=10&api_key=•{11}'/);
	assert.match(shown, /scope=read/);
	assert.match(shown, /"name": "ada"/);
	// A variable reference is not a credential: it stays readable.
	assert.equal(maskCurlForDisplay(`curl -H "Authorization: Bearer $TOKEN" https://x.test`), `curl -H "Authorization: Bearer $TOKEN" https://x.test`);
});

test('the curl field: a pasted command with credentials never shows them in any frame; Enter still reads the real text', async () => {
	const ink = await renderWizard({});
	await pressUntil(ink, keys.down, /❯ New source from an OpenAPI document or a curl command/);
	await ink.press(keys.enter);
	await ink.press(keys.down);
	await ink.press(keys.enter);
	assert.match(ink.frame(), /Paste the curl command:/);
	await ink.press(line);
	assert.match(ink.frame(), /Authorization: Bearer •+/);
	await ink.press(keys.enter);
	await ink.idle();
	const frame = ink.frame();
	assert.match(frame, /authSpec: BasicAuthentication/);
	for (const each of ink.allFrames()) for (const secret of secrets) assert.equal(each.includes(secret), false, `${secret} drawn:\n${each}`);
	await ink.cleanup();
});
