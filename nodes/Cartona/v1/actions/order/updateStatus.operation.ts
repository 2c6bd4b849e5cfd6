import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { PATHS } from '../../../schema';
import { bulkOptions, fieldsSource } from '../../descriptions/common.descriptions';
import { mappingProperties } from '../../descriptions/mappingFields';
import type { BulkOperation } from '../operationKinds';
import { confirmStatusEntry } from './confirmStatusEntry';
import { buildStatusEntry, REQUIRES_OTP_FIELD, retryClassOfStatusEntry, STATUS_FIELDS } from './statusEntry';

const properties: INodeProperties[] = [
	{
		displayName:
			"Cartona reports no per-order errors for this bulk call: when its answer does not account for every order, each one is confirmed on the one-order endpoint and refused ones become error items. To mark installment or wallet top-up orders delivered with an OTP, use Update Status of One Order.",
		name: 'bulkStatusNotice',
		type: 'notice',
		default: '',
	},
	fieldsSource,
	...mappingProperties([...STATUS_FIELDS, REQUIRES_OTP_FIELD]),
	bulkOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['updateStatus'] } },
	properties,
);

/**
 * order/update-order-status: many status changes per request. Transitions are not replayed
 * blindly; `synced` acknowledgements go in batches of their own and are retried. Cartona reports
 * no per-order errors here, so entries its answer does not account for are confirmed one by one
 * on the one-order endpoint (confirmStatusEntry.ts, the rule in schema.ts).
 */
export const operation: BulkOperation = {
	kind: 'bulk',
	description,
	path: PATHS.updateOrderStatus,
	retryClass: 'notReplayable',
	retryClassOf: retryClassOfStatusEntry,
	buildEntry: buildStatusEntry,
	confirmEntry: confirmStatusEntry,
};
