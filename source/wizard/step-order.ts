import {stepNames, type StepName} from '../connection-spec/draft-types.js';

export function previousStep(step: StepName): StepName | undefined {
	return stepNames[stepNames.indexOf(step) - 1];
}

export function nextStep(step: StepName): StepName | undefined {
	return stepNames[stepNames.indexOf(step) + 1];
}
