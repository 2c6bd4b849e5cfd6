import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorWithDetails } from '../../../shared/items/errorItem';
import type { ItemPlan } from '../../../shared/items/itemPlan';
import { runItemPlan } from '../../../shared/items/itemPlan';
import { resolveConnection } from '../../transport/connection';
import { readRetryLimits, readSupplierCode } from '../descriptions/readOptions';
import { bulkBatches } from '../items/bulkBatches';
import * as baseProduct from './baseProduct';
import { redacting, redactNodeError } from '../../../shared/redactSecrets';
import type { CartonaOperation, OperationContext } from './operationKinds';
import * as order from './order';
import * as product from './product';

/** resource -> operation value -> implementation: the only place that knows both. */
export const OPERATIONS: Record<string, Record<string, CartonaOperation>> = {
	order: order.operations,
	product: product.operations,
	baseProduct: baseProduct.operations,
};

/** How each kind of operation runs over the input items. */
function planOf(
	this: IExecuteFunctions,
	operation: CartonaOperation,
	context: OperationContext,
): ItemPlan {
	switch (operation.kind) {
		case 'list':
			return {
				kind: 'each',
				produce: async (itemIndex) => await operation.list.call(this, context, itemIndex),
			};
		case 'single':
			return {
				kind: 'each',
				produce: async (itemIndex) => [await operation.run.call(this, context, itemIndex)],
			};
		case 'bulk':
			return { kind: 'batches', spec: bulkBatches.call(this, operation, context), order: 'input' };
	}
}

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not known`,
		);
	}

	const connection = await resolveConnection.call(this);
	const context: OperationContext = {
		connection,
		limits: readRetryLimits.call(this),
		supplierCode: (itemIndex) => readSupplierCode.call(this, connection, itemIndex),
	};
	try {
		const plan = planOf.call(this, operation, context);
		return [await runItemPlan.call(this, redacting(errorWithDetails), plan)];
	} catch (error) {
		// Thrown errors reach the error workflow's alert: no secret in them either.
		throw redactNodeError(error);
	}
}
