// The public face of the connection-spec model. Pure: no I/O, no React.
export type {Severity, Finding} from './findings.js';
export {formatPath} from './findings.js';
export type {ValidationResult} from './validate.js';
export {validateSpec} from './validate.js';
export {parseSpecText, lineColumn} from './parse.js';
export type {ParseResult} from './parse.js';
export {normaliseSpec} from './normalise.js';
export type {ConnectionSpec, AuthSpec, AuthType, Pagination, PaginationType, Schedule, FlattenPath, UiKey} from './schema.js';
export {connectionSpecSchema} from './schema.js';
export {
	ids,
	categories,
	authTypes,
	paginationTypes,
	paginationFields,
	numericPaginationFields,
	httpMethods,
	parameterTypes,
	specType,
	specVersion,
	draft07,
	fixedExploreSpec,
	serverOwnedFields,
	withoutFields,
} from './constants.js';
export {findPlaceholders, declaredPlaceholders, headerNameProblem} from './placeholders.js';
export type {Placeholder} from './placeholders.js';
export {secretPropertyNames, resolveAuthSpec, testAuthSpecName} from './auth-specs.js';
export {templateNames, getTemplate, describeTemplate, catalogDescriptionStub} from './templates.js';
export {templateTexts, unfinishedTextFinding, unfinishedTextRule} from './unfinished-text.js';
export {newDraft, draftFromSpec, specFromDraft, slugify} from './draft.js';
export {compileSpec, blocksPlan, planPaths} from './plan.js';
export type {Compiled, SourcePlan, AuthPlan, PaginationPlan, SchedulePlan, FlattenPlan, RequestTemplate, PropertyPlan} from './plan.js';
export {parseJsonPath, compileJsonPath, evaluateJsonPath, firstMatch, getAt, jsonPath, describeJsonPathProblem} from './json-path.js';
export type {JsonPath, JsonPathProblem, Selector, PathSegment} from './json-path.js';
export {undeclaredPlaceholders} from './lint-source.js';
export {
	userInputTypes,
	userInputName,
	userInputsOf,
	addUserInput,
	changeUserInput,
	removeUserInput,
	renameUserInput,
	declareAuthProperty,
	typedValue,
	typedEnum,
	valueText,
	unfinishedText,
	descriptionStub,
} from './user-inputs.js';
export type {UserInput, UserInputChange, UserInputType} from './user-inputs.js';
