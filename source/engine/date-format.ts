// .NET custom date-time patterns used by scheduleParams (docs/schedule.md#date-formats).
// Dates are formatted in UTC, so `K` is `Z` and `zzz` is `+00:00`. Every character that is not a pattern letter
// (`T`, `Z`, `-`, `:`, spaces, ...) is copied verbatim; the documented `ss:fffffff` colon is kept as written.

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const patternLetters = new Set(['y', 'M', 'd', 'H', 'h', 'm', 's', 'f', 'F', 't', 'K', 'z']);

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

/** Seven-digit fraction of the second (JavaScript dates carry milliseconds, so the last four are zeros). */
function fraction(date: Date): string {
	return `${pad(date.getUTCMilliseconds(), 3)}0000`;
}

function formatToken(letter: string, count: number, date: Date): string {
	const hours = date.getUTCHours();
	switch (letter) {
		case 'y': {
			const year = date.getUTCFullYear();
			return count === 2 || count === 1 ? pad(year % 100, count) : pad(year, count);
		}
		case 'M': {
			const month = date.getUTCMonth();
			if (count >= 4) return monthNames[month]!;
			if (count === 3) return monthNames[month]!.slice(0, 3);
			return pad(month + 1, count);
		}
		case 'd': {
			if (count >= 4) return dayNames[date.getUTCDay()]!;
			if (count === 3) return dayNames[date.getUTCDay()]!.slice(0, 3);
			return pad(date.getUTCDate(), count);
		}
		case 'H':
			return pad(hours, Math.min(count, 2));
		case 'h':
			return pad(hours % 12 === 0 ? 12 : hours % 12, Math.min(count, 2));
		case 'm':
			return pad(date.getUTCMinutes(), Math.min(count, 2));
		case 's':
			return pad(date.getUTCSeconds(), Math.min(count, 2));
		case 'f':
			return fraction(date).slice(0, Math.min(count, 7));
		case 'F':
			return fraction(date).slice(0, Math.min(count, 7)).replace(/0+$/, '');
		case 't':
			return (hours < 12 ? 'AM' : 'PM').slice(0, count === 1 ? 1 : 2);
		case 'K':
			return 'Z';
		case 'z':
			return count === 1 ? '+0' : count === 2 ? '+00' : '+00:00';
		default:
			return letter.repeat(count);
	}
}

/** Formats `date` (in UTC) with a .NET-style pattern, e.g. `yyyy-MM-ddTHH:mm:ss:fffffffK`. */
export function formatDate(pattern: string, date: Date): string {
	let out = '';
	let i = 0;
	while (i < pattern.length) {
		const char = pattern[i]!;
		if (char === "'" || char === '"') {
			const end = pattern.indexOf(char, i + 1);
			const stop = end === -1 ? pattern.length : end;
			out += pattern.slice(i + 1, stop);
			i = stop + 1;
		} else if (char === '\\' && i + 1 < pattern.length) {
			out += pattern[i + 1];
			i += 2;
		} else if (patternLetters.has(char)) {
			let count = 1;
			while (pattern[i + count] === char) count++;
			out += formatToken(char, count, date);
			i += count;
		} else {
			out += char;
			i++;
		}
	}
	return out;
}
