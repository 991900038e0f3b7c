// One line for a guessed value, as the command and the wizard print it: `OFFSET limitName=limit limitValue=50 …`.

/** A guess's value on one line: strings as is, objects as `type key=value …`. */
export function describeGuessValue(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object') {
		return Object.entries(value)
			.map(([key, entry]) => (key === 'type' ? String(entry) : `${key}=${typeof entry === 'object' ? JSON.stringify(entry) : String(entry)}`))
			.join(' ');
	}
	return String(value);
}
