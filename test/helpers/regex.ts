// Long expected patterns written in parts, so a test line stays within the formatter's width.

/** One RegExp matching the parts in sequence (their sources joined); flags come from the first part. */
export function joinedPattern(...parts: RegExp[]): RegExp {
	return new RegExp(parts.map(part => part.source).join(''), parts[0]?.flags ?? '');
}
