import {test} from 'node:test';
import assert from 'node:assert/strict';
import App from '../source/app.js';
import {keys, renderInk} from './helpers/ink.js';

test('home lists what the wizard offers and moves with the arrow keys', async () => {
	const ink = await renderInk(<App command="home" />);
	assert.match(ink.frame(), /New source/);
	assert.match(ink.frame(), /Resume a draft/);
	await ink.press(keys.down);
	assert.match(ink.frame(), /❯ Resume a draft/);
	await ink.unmount();
});
