import type { IDataObject } from 'n8n-workflow';

/** The listed keys of `source` that are present (not undefined, null or ''), in that order. */
export function pickFields(source: IDataObject, keys: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys) {
		const value = source[key];
		if (value !== undefined && value !== null && value !== '') picked[key] = value;
	}
	return picked;
}
