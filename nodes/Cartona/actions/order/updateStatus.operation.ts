import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { PATHS } from '../../schema';
import { bulkOptions, fieldsSource } from '../common.descriptions';
import { mappingProperties } from '../mappingFields';
import type { BulkOperation } from '../operationKinds';
import { buildStatusEntry, REQUIRES_OTP_FIELD, STATUS_FIELDS } from './statusEntry';

const properties: INodeProperties[] = [
	{
		displayName:
			'Cartona reports no per-order errors for this bulk call. To mark installment or wallet top-up orders delivered with an OTP, use Update Status of One Order.',
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

/** order/update-order-status: many status changes per request. Not replayed blindly. */
export const operation: BulkOperation = {
	kind: 'bulk',
	description,
	path: PATHS.updateOrderStatus,
	retryClass: 'notReplayable',
	buildEntry: buildStatusEntry,
};
