import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { route } from './actions/router';
import { versionDescription } from './actions/versionDescription';

/**
 * Version 1. Programmatic (execute()) rather than declarative routing: routing sends one
 * request per input item, while the bulk operations must send ceil(N / batch size) requests
 * for N items, pair Cartona's per-entry failures back to their items and retry per call class;
 * only execute() sees all items at once.
 */
// Checked as an INodeType where the wrapper hands it to VersionedNodeType, not by
// `implements`: @n8n/eslint-plugin-community-nodes 0.48's icon-validation reads the icon from a
// `description` literal on INodeType classes, while a version's icon comes from the base
// description and is resolved beside the entry file (../cartona.svg).
export class CartonaV1 {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = { ...baseDescription, ...versionDescription };
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
