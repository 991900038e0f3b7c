// Shared set-up of the wizard UI tests: services over a temporary home, a draft saved at a given step, and a
// helper that awaits (inside act) every async job the screens started.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {act} from 'react';
import App, {type WizardStart} from '../../source/wizard/app.js';
import {wizardStart} from '../../source/commands/interactive.js';
import {parseCommandLine} from '../../source/commands/flags.js';
import {commands, isCommandName, type CommandEntry} from '../../source/commands/registry.js';
import {preloadScreens} from '../../source/wizard/screens.js';
import type {WizardServices} from '../../source/wizard/services.js';
import {createServices} from '../../source/wizard/create-services.js';
import {newDraft} from '../../source/connection-spec/index.js';
import type {Draft, StepName} from '../../source/connection-spec/draft-types.js';
import {renderInk, type InkHarness} from './ink.js';

export type WizardHarness = InkHarness & {services: WizardServices; home: string; idle: () => Promise<void>; cleanup: () => Promise<void>};

export function tempHome(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'aep-ui-'));
}

export function testServices(home = tempHome()): WizardServices {
	return createServices({home, env: {AEP_SOURCE_HOME: home}, exportDir: home, previewDelayMs: 5, pollIntervalMs: 20, session: {demoRecords: 30}});
}

/** Saves a draft from a template at `step` and returns it. */
export function seedDraft(services: WizardServices, options: {id?: string; template?: string; step: StepName; change?: (draft: Draft) => Draft}): Draft {
	const base = newDraft({id: options.id ?? 'demo-contacts', template: options.template ?? 'demo'});
	const draft = (options.change ?? (d => d))({...base, step: options.step});
	services.drafts.save(draft);
	return draft;
}

/**
 * The wizard as `aep-source COMMAND ARGV…` opens it: the command line goes through the command table's own parser
 * (commands/flags.ts, registry.ts) and commands/interactive.tsx turns it into the wizard's start, as in the CLI.
 */
export async function wizardStartFor(command = 'home', argv: string[] = []): Promise<WizardStart> {
	if (command === 'home') return wizardStart('home', await parseCommandLine('aep-source', argv, {}, 0));
	if (!isCommandName(command) || !(commands[command] as CommandEntry).interactive) throw new Error(`"${command}" is not an interactive command.`);
	const entry: CommandEntry = commands[command];
	return wizardStart(command, await parseCommandLine(`aep-source ${command}`, argv, entry.flags, entry.maxArgs));
}

export async function renderWizard(props: {command?: string; argv?: string[]; services?: WizardServices}): Promise<WizardHarness> {
	const services = props.services ?? testServices();
	const start = await wizardStartFor(props.command, props.argv);
	await preloadScreens();
	const ink = await renderInk(<App start={start} services={services} />);
	const idle = async () => {
		for (let round = 0; round < 50; round++) {
			const pending = services.pending();
			if (pending.length === 0) break;
			await act(async () => {
				await Promise.allSettled(pending);
			});
		}
	};
	return {
		...ink,
		services,
		home: services.home,
		idle,
		async cleanup() {
			await ink.unmount();
			await idle();
		},
	};
}

/** A draft read back from the store (what survives a crash). */
export function savedDraft(services: WizardServices, id = 'demo-contacts'): Draft | undefined {
	return services.drafts.load(id);
}

/** The saved draft's spec; fails the test, naming the draft, when nothing was saved. */
export function savedSpec(services: WizardServices, id = 'demo-contacts'): Draft['spec'] {
	const draft = services.drafts.load(id);
	if (!draft) throw new Error(`No draft ${id} was saved.`);
	return draft.spec;
}

/** Presses `key` until the frame matches (at most `max` times); fails with the last frame otherwise. */
export async function pressUntil(ink: InkHarness, key: string, pattern: RegExp, max = 20): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (pattern.test(ink.frame())) return;
		await ink.press(key);
	}
	if (!pattern.test(ink.frame())) throw new Error(`Never saw ${pattern} after ${max} presses; last frame:\n${ink.frame()}`);
}
