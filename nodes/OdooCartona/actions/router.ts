import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const node = { resource, operation } as OdooCartonaType;

	let returnData: INodeExecutionData[];
	switch (node.resource) {
		case 'order':
			returnData = await order[node.operation].execute.call(this, items);
			break;
		case 'partner':
			returnData = await partner[node.operation].execute.call(this, items);
			break;
		case 'product':
			returnData = await product[node.operation].execute.call(this, items);
			break;
		case 'stock':
			returnData = await stock[node.operation].execute.call(this, items);
			break;
		case 'price':
			returnData = await price[node.operation].execute.call(this, items);
			break;
		case 'outbox':
			returnData = await outbox[node.operation].execute.call(this, items);
			break;
		case 'syncLog':
			returnData = await syncLog[node.operation].execute.call(this, items);
			break;
		case 'config':
			returnData = await config[node.operation].execute.call(this, items);
			break;
		default:
			throw new NodeOperationError(this.getNode(), `The resource "${resource}" is not supported`);
	}
	return [returnData];
}
