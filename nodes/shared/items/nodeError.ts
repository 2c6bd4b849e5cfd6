import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export type NodeError = NodeApiError | NodeOperationError;

/**
 * Any failure of input item `itemIndex` as a node error: a NodeApiError/NodeOperationError is
 * passed on as the same object (given the item index when it names none), anything else is
 * wrapped once in a NodeOperationError carrying the item index.
 */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
