import type { IExecuteFunctions } from 'n8n-workflow';
import type { ItemResults } from './itemResults';
import type { ListOperation, OperationContext } from './operationKinds';

/** Get Many: one listing per input item; each record becomes an output item paired to it. */
export async function runListOperation(
	this: IExecuteFunctions,
	operation: ListOperation,
	context: OperationContext,
	results: ItemResults,
): Promise<void> {
	const count = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			results.add(itemIndex, await operation.list.call(this, context, itemIndex));
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
}
