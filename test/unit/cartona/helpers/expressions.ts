import type { IDataObject, INodeExecutionData, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

/** n8n's own expression engine, so tests evaluate `={{ ... }}` exactly as n8n would. */
const nodeTypes = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

const workflow = new Workflow({
	nodes: [
		{ id: 'cartona', name: 'Cartona', type: 'n8n-nodes-cartona.cartona', typeVersion: 1, position: [0, 0], parameters: {} },
	],
	connections: {},
	active: false,
	nodeTypes,
});

/** Evaluates a parameter value: strings starting with "=" are expressions, others are returned as they are. */
export function evaluate(
	value: unknown,
	{
		items = [],
		itemIndex = 0,
		credentials,
	}: { items?: INodeExecutionData[]; itemIndex?: number; credentials?: IDataObject } = {},
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getParameterValue(
		value,
		null,
		0,
		itemIndex,
		'Cartona',
		items,
		'internal',
		credentials ? { $credentials: credentials } : {},
	);
}
