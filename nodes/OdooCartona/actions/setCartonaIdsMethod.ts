import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BatchMethod } from './runBatch';
import { pickFields } from './pickFields';
import { readItemObject } from './readParameters';

export const dryRunProperty: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description: 'Whether to only report what would change ("would_set", "conflict", "unknown") and write nothing',
};

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
