import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { FIELD, PATHS } from '../../../schema';
import { cartonaApiRequest } from '../../../transport';
import { buildPath } from '../../../transport/encodePathSegment';
import { fieldsSource, requestOptions } from '../../descriptions/common.descriptions';
import { mappingProperties } from '../../descriptions/mappingFields';
import type { OperationContext, SingleOperation } from '../operationKinds';
import { buildStatusEntry, REQUIRES_OTP_FIELD, retryClassOfStatusEntry, STATUS_FIELDS } from './statusEntry';

const properties: INodeProperties[] = [
	fieldsSource,
	...mappingProperties([...STATUS_FIELDS, REQUIRES_OTP_FIELD]),
	requestOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['updateOneStatus'] } },
	properties,
);

/**
 * order/update-order-status/{hashed_id}: one order, one request; Cartona's refusal (wrong OTP,
 * illegal move) surfaces as this item's error. Transitions are not replayed blindly; `synced` is.
 */
async function run(this: IExecuteFunctions, context: OperationContext, itemIndex: number): Promise<IDataObject> {
	const entry = buildStatusEntry.call(this, itemIndex);
	const response = await cartonaApiRequest.call(this, context, {
		method: 'POST',
		path: buildPath(PATHS.updateOneOrderStatus, { hashed_id: String(entry[FIELD.hashedId]) }),
		body: entry,
		supplierCode: context.supplierCode(itemIndex),
		retryClass: retryClassOfStatusEntry(entry),
		itemIndex,
	});
	return { ok: true, outcome: 'updated', request: entry, response: (response ?? {}) as IDataObject };
}

export const operation: SingleOperation = { kind: 'single', description, run };
