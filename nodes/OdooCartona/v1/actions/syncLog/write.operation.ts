import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { batchSizeOption, configIdProperty } from '../../descriptions/common.descriptions';
import { batchMethod } from '../../items/batchMethod';

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		options: [
			{ name: 'Connection', value: 'connection' },
			{ name: 'Order', value: 'order' },
			{ name: 'Order Details', value: 'order_details' },
			{ name: 'Order Status', value: 'order_status' },
			{ name: 'Other', value: 'other' },
			{ name: 'Partner', value: 'partner' },
			{ name: 'Price', value: 'price' },
			{ name: 'Product', value: 'product' },
			{ name: 'Stock', value: 'stock' },
		],
		default: 'other',
		description: 'What was synced',
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'Inbound (Cartona to Odoo)', value: 'inbound' },
			{ name: 'Outbound (Odoo to Cartona)', value: 'outbound' },
		],
		default: 'outbound',
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: [
			{ name: 'OK', value: 'ok' },
			{ name: 'Warning', value: 'warning' },
			{ name: 'Error', value: 'error' },
		],
		default: 'ok',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		required: true,
		description: 'Short summary (truncated to 2,000 characters by Odoo); never a payload or a secret',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			batchSizeOption,
			{ displayName: 'Count Failed', name: 'countFailed', type: 'number', default: 0 },
			{ displayName: 'Count OK', name: 'countOk', type: 'number', default: 0 },
			{ displayName: 'Duration (Ms)', name: 'durationMs', type: 'number', default: 0 },
			{
				displayName: 'Execution ID',
				name: 'executionId',
				type: 'string',
				default: '={{ $execution.id }}',
			},
			{
				displayName: 'Record Reference',
				name: 'recordRef',
				type: 'string',
				default: '',
				description: 'E.g. sale.order,42 or a Cartona hashed_id.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['syncLog'], operation: ['write'] } },
	properties,
);

/** Option name -> batch API key. */
const OPTIONAL_KEYS: Array<[string, string]> = [
	['recordRef', 'record_ref'],
	['countOk', 'count_ok'],
	['countFailed', 'count_failed'],
	['durationMs', 'duration_ms'],
	['executionId', 'execution_id'],
];

/** cartona_write_sync_log: one log line per input item; results `{ok, log_id?}`. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(this, {
		method: 'cartona_write_sync_log',
		listArgument: 'entries',
		toElement(_item, i) {
			const kind = String(this.getNodeParameter('kind', i, '') ?? '').trim();
			const message = String(this.getNodeParameter('message', i, '') ?? '');
			if (!kind) throw new NodeOperationError(this.getNode(), `Item ${i}: "Kind" is empty`, { itemIndex: i });
			if (!message.trim()) throw new NodeOperationError(this.getNode(), `Item ${i}: "Message" is empty`, { itemIndex: i });
			const entry: IDataObject = {
				kind,
				direction: this.getNodeParameter('direction', i),
				state: this.getNodeParameter('state', i),
				message,
			};
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			for (const [option, key] of OPTIONAL_KEYS) {
				const value = options[option];
				if (value !== undefined && value !== null && value !== '') entry[key] = option === 'executionId' ? String(value) : value;
			}
			return entry;
		},
	});
}
