/** "Cannot read FILE: why." for a failed file read, in words rather than errno codes. Pure: takes the error. */
export function cannotRead(file: string, error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const why =
		code === 'ENOENT'
			? 'there is no such file'
			: code === 'EACCES' || code === 'EPERM'
				? 'permission denied'
				: code === 'EISDIR'
					? 'it is a folder'
					: error instanceof Error
						? error.message
						: String(error);
	return `Cannot read ${file}: ${why}.`;
}
