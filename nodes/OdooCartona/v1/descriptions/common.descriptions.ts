import type { INodeProperties } from 'n8n-workflow';

/** Largest list the batch API accepts in one call (docs/odoo-batch-api.md). */
export const MAX_BATCH_ELEMENTS = 5000;

export const configIdProperty: INodeProperties = {
	displayName: 'Marketplace Config ID',
	name: 'configId',
	type: 'number',
	default: 1,
	required: true,
	typeOptions: { minValue: 1, numberPrecision: 0 },
	description:
		'ID of the Odoo marketplace config (Marketplace > Configuration) this workflow runs for',
};

export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	default: 100,
	typeOptions: { minValue: 1, maxValue: MAX_BATCH_ELEMENTS, numberPrecision: 0 },
	description: 'How many input items go to Odoo in one call',
};

/** The `options` collection of the operations that send one element per input item. */
export const batchOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [batchSizeOption],
};

export const dryRunProperty: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description: 'Whether to only report what would change ("would_set", "conflict", "unknown") and write nothing',
};
