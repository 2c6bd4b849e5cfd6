import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { resolveConnection } from '../transport/connection';
import * as baseProduct from './baseProduct';
import { ItemResults } from './itemResults';
import type { CartonaOperation, OperationContext } from './operationKinds';
import * as order from './order';
import * as product from './product';
import { readRetryLimits, readSupplierCode } from './readOptions';
import { runBulkOperation } from './runBulkOperation';
import { runListOperation } from './runListOperation';
import { runSingleOperation } from './runSingleOperation';

/** resource -> operation value -> implementation: the only place that knows both. */
export const OPERATIONS: Record<string, Record<string, CartonaOperation>> = {
	order: order.operations,
	product: product.operations,
	baseProduct: baseProduct.operations,
};

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not known`);
	}

	const connection = await resolveConnection.call(this);
	const context: OperationContext = {
		connection,
		limits: readRetryLimits.call(this),
		supplierCode: (itemIndex) => readSupplierCode.call(this, connection, itemIndex),
	};
	const results = new ItemResults(this);
	if (operation.kind === 'list') await runListOperation.call(this, operation, context, results);
	else if (operation.kind === 'bulk') await runBulkOperation.call(this, operation, context, results);
	else await runSingleOperation.call(this, operation, context, results);
	return [results.toOutput()];
}
