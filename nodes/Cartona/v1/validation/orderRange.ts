import type { IDataObject, INode } from 'n8n-workflow';
import { FIELD } from '../../schema';
import { itemFieldError } from './itemFieldError';

/** `max_order` below `min_order` can never be satisfied. */
export function requireOrderRange(node: INode, itemIndex: number, entry: IDataObject): void {
	const min = entry[FIELD.minOrder];
	const max = entry[FIELD.maxOrder];
	if (typeof min === 'number' && typeof max === 'number' && max < min) {
		throw itemFieldError(node, itemIndex, FIELD.maxOrder, `must not be below min_order (${min}), got ${max}`);
	}
}
