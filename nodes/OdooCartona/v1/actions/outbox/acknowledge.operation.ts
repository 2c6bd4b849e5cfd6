import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { batchSizeOption, configIdProperty } from '../../descriptions/common.descriptions';
import { toRecordId } from '../../validation/readParameters';
import { batchMethod } from '../../items/batchMethod';

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Entry ID',
		name: 'entryId',
		type: 'string',
		default: '={{ $json.entry_id }}',
		required: true,
		description: 'The claimed outbox entry',
	},
	{
		displayName: 'Succeeded',
		name: 'succeeded',
		type: 'boolean',
		default: true,
		description:
			'Whether the change reached Cartona. Off puts the entry back to pending with the error. After a Cartona node with Continue On Fail, use an expression that is false when its item has an error field.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			batchSizeOption,
			{
				displayName: 'Error Message',
				name: 'errorMessage',
				type: 'string',
				default: '',
				description: 'Why the change failed (stored on the entry when not succeeded)',
			},
			{
				displayName: 'Refused by Cartona',
				name: 'refused',
				type: 'boolean',
				default: false,
				description:
					'Whether Cartona refused the change itself (not a failure to reach it): the entry is not retried, the product shows "Refused by Cartona" with the error, and it goes again when the product changes. After a Cartona bulk update with Continue On Fail, use its item\'s refused field.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['outbox'], operation: ['acknowledge'] } },
	properties,
);

/** cartona_outbox_ack: `{entry_id, ok, error?, refused?}` per input item; results `{entry_id, status, ok}`. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(this, {
		method: 'cartona_outbox_ack',
		listArgument: 'entries',
		toElement(_item, i) {
			const entryParameter = this.getNodeParameter('entryId', i, '') as unknown;
			const entryId = toRecordId(entryParameter);
			if (entryId === undefined) {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${i}: "Entry ID" must be a claimed outbox entry ID (got ${JSON.stringify(entryParameter ?? null)})`,
					{ itemIndex: i },
				);
			}
			const entry: IDataObject = { entry_id: entryId, ok: this.getNodeParameter('succeeded', i) === true };
			const errorMessage = String(this.getNodeParameter('options.errorMessage', i, '') ?? '').trim();
			if (!entry.ok) entry.error = errorMessage || 'failed (no message given)';
			if (!entry.ok && this.getNodeParameter('options.refused', i, false) === true) entry.refused = true;
			return entry;
		},
	});
}
