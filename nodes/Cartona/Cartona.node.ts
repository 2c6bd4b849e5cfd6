import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { nodeProperties } from './actions/nodeProperties';
import { route } from './actions/router';

/**
 * Cartona supplier-integration API: orders, products and base products (9 endpoints).
 *
 * Programmatic (execute()) rather than declarative routing: routing sends one request per input
 * item, while the bulk operations must send ceil(N / batch size) requests for N items, pair
 * Cartona's per-entry failures back to their items and retry per call class; only execute()
 * sees all items at once. A version 2 would add a description beside this one.
 */
export class Cartona implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cartona',
		name: 'cartona',
		icon: { light: 'file:cartona.svg', dark: 'file:cartona.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Pull orders from the Cartona B2B marketplace and update orders, products and stock',
		defaults: { name: 'Cartona' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cartonaApi', required: true }],
		properties: nodeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
