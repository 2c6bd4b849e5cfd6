import type { INodeProperties } from 'n8n-workflow';
import { SUPPLIER_CODES } from '../../schema';

/** Parameter names shared by several operations (the readers in readOptions.ts use them). */
export const PARAM = {
	options: 'options',
	internalSupplierCode: 'internalSupplierCode',
	maxRetries: 'maxRetries',
	maxRetryWaitSeconds: 'maxRetryWaitSeconds',
	batchSize: 'batchSize',
	concurrency: 'concurrency',
	maxRequestsPerSecond: 'maxRequestsPerSecond',
	returnAll: 'returnAll',
	limit: 'limit',
	fieldsSource: 'fieldsSource',
} as const;

/** Defaults repeated as literals in the descriptions below (the n8n linter reads literals only). */
export const DEFAULT_BATCH_SIZE = 100;
/** Batch requests in flight at once; measured in bench/ (issue 11). */
export const DEFAULT_CONCURRENCY = 4;
/** 0 = no cap of its own (a 429 from Cartona still pauses every request). */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 0;

const internalSupplierCodeOption: INodeProperties = {
	displayName: 'Internal Supplier Code',
	name: PARAM.internalSupplierCode,
	type: 'options',
	default: '',
	description:
		'Supplier account to act for when one token covers several. Default: the code set in the credential, if any.',
	options: [
		{ name: 'From Credential', value: '' },
		...SUPPLIER_CODES.map(({ name, value }) => ({ name, value })),
	],
};

const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: PARAM.maxRetries,
	type: 'number',
	default: 3,
	typeOptions: { minValue: 0, maxValue: 10 },
	description:
		'How often a request is repeated after rate limiting (429, honouring Retry-After), a server error or a broken connection. Order changes are repeated only when Cartona provably did not process them.',
};

const maxRetryWaitOption: INodeProperties = {
	displayName: 'Max Retry Wait (Seconds)',
	name: PARAM.maxRetryWaitSeconds,
	type: 'number',
	default: 60,
	typeOptions: { minValue: 0, maxValue: 600 },
	description: 'Upper bound on the total time spent waiting between retries of one request',
};

const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: PARAM.batchSize,
	type: 'number',
	default: 100,
	typeOptions: { minValue: 1, maxValue: 1000 },
	description: 'Input items sent per request: N items make ceil(N / batch size) requests',
};

const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: PARAM.concurrency,
	type: 'number',
	default: 4,
	typeOptions: { minValue: 1, maxValue: 16 },
	description:
		'Batch requests sent to Cartona at the same time. Output order and pairing stay as with 1. When Cartona answers 429, every request waits for its Retry-After.',
};

const maxRequestsPerSecondOption: INodeProperties = {
	displayName: 'Max Requests Per Second',
	name: PARAM.maxRequestsPerSecond,
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: 100 },
	description:
		'Most requests this node starts in any one second, retries and confirmations included. 0 means no cap of its own (Cartona publishes no limit; its own tooling keeps to about 6).',
};

function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: PARAM.options,
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/** Options of list and single-request operations. */
export const requestOptions: INodeProperties = optionsCollection([
	internalSupplierCodeOption,
	maxRetriesOption,
	maxRetryWaitOption,
]);

/** Options of bulk operations. */
export const bulkOptions: INodeProperties = optionsCollection([
	batchSizeOption,
	concurrencyOption,
	internalSupplierCodeOption,
	maxRequestsPerSecondOption,
	maxRetriesOption,
	maxRetryWaitOption,
]);

/** Return All + Limit of Get Many operations. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: PARAM.returnAll,
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: PARAM.limit,
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { [PARAM.returnAll]: [false] } },
	},
];

/** Where a bulk operation takes each entry's fields from. */
export const fieldsSource: INodeProperties = {
	displayName: 'Fields From',
	name: PARAM.fieldsSource,
	type: 'options',
	default: 'mapping',
	options: [
		{
			name: 'Field Mapping',
			value: 'mapping',
			description: 'One parameter per field; each reads the same-named field of the item unless you change it',
		},
		{
			name: "The Item's JSON",
			value: 'itemJson',
			description: 'Send the item itself: known fields are checked, unknown fields are passed through',
		},
	],
};
