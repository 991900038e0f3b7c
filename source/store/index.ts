// Public surface of source/store: profiles (0600 conf file) and drafts (one atomic JSON file each).
export {aepHome} from './home.js';
export {
	adobeDefaults,
	openProfileStore,
	profileFromEnv,
	profileTarget,
	ProfileError,
	validateAdobeProfile,
	type AdobeProfile,
	type LocalProfile,
	type Profile,
	type ProfileStore,
} from './profiles.js';
export {
	openDraftStore,
	withoutSecrets,
	DraftSecretError,
	DraftBusyError,
	DraftExistsError,
	type DraftStore,
	type DraftStoreOptions,
	type DraftSummary,
} from './drafts.js';
export {draftSchema, parseDraft} from './draft-schema.js';
