// A field's ✔ means there is nothing to say about its value: never next to a warning (⚠) or unfinished text (○).
// The auth editor's fields take unfinished text from the model like every other form (it showed ✔ on
// "e.g. https://api.example.com" while Review listed it as unfinished).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Form} from '../source/components/form.js';
import {checkedByModel} from '../source/steps/model-findings.js';
import {getTemplate} from '../source/connection-spec/templates.js';
import {keys, renderInk} from './helpers/ink.js';

const spec = structuredClone(getTemplate('blank')) as Record<string, any>;
const setDescription = (value: string) => {
	const copy = structuredClone(spec);
	copy.authSpec[0].spec.properties.host = {...copy.authSpec[0].spec.properties.host, description: value};
	return copy;
};

test('✔ only on a value with no warning note and no unfinished text; the model’s unfinished text shows ○ on an auth field', async () => {
	const description = checkedByModel(
		{name: 'description', label: 'Description'},
		{where: 'authSpec[0].spec.properties.host.description', apply: setDescription},
	);
	const ink = await renderInk(
		<Form
			fields={[
				description,
				{name: 'warned', label: 'Warned', note: value => (value ? '⚠ A value of another type than the input’s.' : undefined)},
				{name: 'plain', label: 'Plain'},
			]}
			values={{description: 'API root URL, e.g. https://api.example.com', warned: 'abc', plain: 'fine'}}
			onCommit={() => {}}
			onDone={() => {}}
			onBack={() => {}}
		/>,
	);
	try {
		await ink.press(keys.down);
		await ink.press(keys.down);
		await ink.press(keys.down);
		const frame = ink.frame();
		assert.match(frame, /Description: API root URL, e\.g\. https:\/\/api\.example\.com\n\s+○ .*example host/);
		assert.doesNotMatch(frame, /api\.example\.com ✔/);
		assert.match(frame, /Warned: abc\n\s+⚠ A value of another type/);
		assert.doesNotMatch(frame, /abc ✔/);
		assert.match(frame, /Plain: fine ✔/);
	} finally {
		await ink.unmount();
	}
});
