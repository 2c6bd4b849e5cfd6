import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_BATCH_ELEMENTS } from '../descriptions/common.descriptions';

/** The "Marketplace Config ID" of item `i`, checked to be a positive whole number. */
export function readConfigId(this: IExecuteFunctions, i: number): number {
	const value = this.getNodeParameter('configId', i) as unknown;
	const id = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${i}: "Marketplace Config ID" must be a positive whole number (got ${JSON.stringify(value)})`,
			{ itemIndex: i },
		);
	}
	return id;
}

/** A whole-number parameter within [min, max]; names the parameter and the item when not. */
export function readWholeNumber(
	this: IExecuteFunctions,
	name: string,
	displayName: string,
	i: number,
	fallback: number,
	min: number,
	max: number,
): number {
	const value = this.getNodeParameter(name, i, fallback) as unknown;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${i}: "${displayName}" must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`,
			{ itemIndex: i },
		);
	}
	return value;
}

/** The batch size option (read once, from the first item), 1..5000. */
export function readBatchSize(this: IExecuteFunctions): number {
	return readWholeNumber.call(this, 'options.batchSize', 'Batch Size', 0, 100, 1, MAX_BATCH_ELEMENTS);
}

/**
 * A list of record ids given as a JSON array (`[1, 2]`), a comma-separated string (`1,2`), a
 * number or an array. Anything else is refused: an unreadable list never becomes "all records".
 * An empty value gives `undefined` (the parameter was left out).
 */
export function parseIdList(
	this: IExecuteFunctions,
	value: unknown,
	displayName: string,
	i: number,
): number[] | undefined {
	let list: unknown = value;
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		if (text.startsWith('[') || text.startsWith('{')) {
			try {
				list = JSON.parse(text);
			} catch (error) {
				throw new NodeOperationError(this.getNode(), `Item ${i}: "${displayName}" is not valid JSON`, {
					itemIndex: i,
					description: (error as Error).message,
				});
			}
		} else {
			list = text.split(',').map((part) => part.trim());
		}
	} else if (typeof value === 'number') {
		list = [value];
	}
	if (!Array.isArray(list)) {
		throw new NodeOperationError(this.getNode(), `Item ${i}: "${displayName}" must be a list of record IDs`, {
			itemIndex: i,
		});
	}
	const ids = list.map((entry) => (typeof entry === 'string' && entry !== '' ? Number(entry) : entry));
	const bad = ids.findIndex((id) => typeof id !== 'number' || !Number.isInteger(id) || id <= 0);
	if (bad !== -1) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${i}: "${displayName}" entry ${bad} (${JSON.stringify(list[bad])}) is not a record ID`,
			{ itemIndex: i, description: 'Give positive whole numbers, e.g. [12, 15] or 12,15' },
		);
	}
	return ids as number[];
}

/** The input item's JSON, checked to be an object (not an array or a scalar). */
export function readItemObject(this: IExecuteFunctions, json: unknown, i: number): IDataObject {
	if (!json || typeof json !== 'object' || Array.isArray(json)) {
		throw new NodeOperationError(this.getNode(), `Item ${i}: the input item is not a JSON object`, {
			itemIndex: i,
		});
	}
	return json as IDataObject;
}

/** A record ID given as a number or a numeric string; undefined when it is not one. */
export function toRecordId(value: unknown): number | undefined {
	const id = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
}
