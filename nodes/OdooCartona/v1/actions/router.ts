import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorWithApiStatus } from '../../../shared/items/errorItem';
import type { ItemPlan } from '../../../shared/items/itemPlan';
import { runItemPlan } from '../../../shared/items/itemPlan';
import { redacting, redactNodeError } from '../../../shared/redactSecrets';
import * as config from './config';
import type { OdooCartonaType } from './node.type';
import * as order from './order';
import * as outbox from './outbox';
import * as partner from './partner';
import * as price from './price';
import * as product from './product';
import * as stock from './stock';
import * as syncLog from './syncLog';

/** The only place that knows resource x operation. */
function planOf(this: IExecuteFunctions, resource: string, operation: string): ItemPlan {
	const node = { resource, operation } as OdooCartonaType;
	switch (node.resource) {
		case 'order':
			return order[node.operation].execute.call(this);
		case 'partner':
			return partner[node.operation].execute.call(this);
		case 'product':
			return product[node.operation].execute.call(this);
		case 'stock':
			return stock[node.operation].execute.call(this);
		case 'price':
			return price[node.operation].execute.call(this);
		case 'outbox':
			return outbox[node.operation].execute.call(this);
		case 'syncLog':
			return syncLog[node.operation].execute.call(this);
		case 'config':
			return config[node.operation].execute.call(this);
		default:
			throw new NodeOperationError(this.getNode(), `The resource "${resource}" is not supported`);
	}
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	try {
		const plan = planOf.call(this, resource, operation);
		return [await runItemPlan.call(this, redacting(errorWithApiStatus), plan)];
	} catch (error) {
		// Thrown errors reach the error workflow's alert: no secret in them either.
		throw redactNodeError(error);
	}
}
