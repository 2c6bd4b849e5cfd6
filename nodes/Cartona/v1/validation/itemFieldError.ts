import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The error for one bad field of one input item: `Item 3: "internal_product_id" is missing`.
 * Item numbers are n8n's 0-based item indexes, as in `pairedItem` and `$itemIndex`.
 */
export function itemFieldError(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	const error = new NodeOperationError(node, `Item ${itemIndex}: "${field}" ${problem}`, {
		itemIndex,
		description,
	});
	error.context.field = field;
	return error;
}
