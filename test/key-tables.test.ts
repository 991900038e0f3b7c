// Keys are declared once per screen (source/components/use-keys.tsx): a screen's footer and its key handler come from
// one table. Checked on the source text, so a screen that draws its own footer list or reads keys outside its table
// fails here. The allow-list names the screens not converted yet; take a file off it when it is converted.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', 'source');
const screens = [
	...fs.readdirSync(path.join(root, 'steps')).map(name => `steps/${name}`),
	...fs.readdirSync(path.join(root, 'components')).map(name => `components/${name}`),
].filter(file => file.endsWith('.tsx'));

/** Screens that still draw a footer list or read keys of their own (not converted yet). */
const notConverted = new Set(['steps/source.tsx', 'steps/test-values-panel.tsx', 'steps/preview-panel.tsx']);
/** Widgets own their keys (the footer of the screen around them declares them with `by`). */
const widgets = new Set([
	'components/form.tsx',
	'components/menu.tsx',
	'components/json-view.tsx',
	'components/path-prompt.tsx',
	'components/text-prompt.tsx',
	'components/use-keys.tsx',
]);

test('every converted screen takes its footer and its keys from one useKeys table', () => {
	const bad = screens
		.filter(file => !notConverted.has(file) && !widgets.has(file))
		.flatMap(file => {
			const text = fs.readFileSync(path.join(root, file), 'utf8');
			return [
				...(/<KeyFooter\b/.test(text) ? [`${file}: draws a KeyFooter list of its own`] : []),
				...(/\buseInput\s*\(/.test(text) ? [`${file}: reads keys with useInput outside its key table`] : []),
			];
		});
	assert.deepEqual(bad, []);
});

test('the check sees the screens (a rule that reads no file proves nothing)', () => {
	assert.ok(screens.includes('steps/home.tsx') && screens.includes('steps/draft-list.tsx'), screens.join(', '));
	const converted = screens.filter(file => !notConverted.has(file) && !widgets.has(file));
	assert.ok(converted.length >= 2, `converted: ${converted.join(', ')}`);
	for (const file of converted) {
		const text = fs.readFileSync(path.join(root, file), 'utf8');
		if (/export function \w+Screen\(/.test(text)) assert.match(text, /\buseKeys\(/, `${file} is a screen but has no key table`);
	}
});
