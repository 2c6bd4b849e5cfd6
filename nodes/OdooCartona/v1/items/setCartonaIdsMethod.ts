import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BatchMethod } from './batchMethod';
import { pickFields } from '../validation/pickFields';
import { readItemObject } from '../validation/readParameters';

/**
 * A Set Cartona IDs batch (partners or products): each input item is a mapping with
 * `cartona_id` and the keys that find the record; the other keys of the item are not sent.
 */
export function setCartonaIdsMethod(method: string, keys: readonly string[]): BatchMethod {
	return {
		method,
		listArgument: 'mappings',
		toElement(this: IExecuteFunctions, item, i) {
			const json = readItemObject.call(this, item.json, i);
			const cartonaId = json.cartona_id;
			if (typeof cartonaId !== 'string' && typeof cartonaId !== 'number') {
				throw new NodeOperationError(this.getNode(), `Item ${i}: "cartona_id" is missing`, { itemIndex: i });
			}
			if (String(cartonaId).trim() === '') {
				throw new NodeOperationError(this.getNode(), `Item ${i}: "cartona_id" is empty`, { itemIndex: i });
			}
			return { ...pickFields(json, keys), cartona_id: String(cartonaId).trim() };
		},
		extraArguments(this: IExecuteFunctions, i) {
			return { dry_run: this.getNodeParameter('dryRun', i, false) === true };
		},
	};
}
