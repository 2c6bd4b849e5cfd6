import type { IExecuteFunctions } from 'n8n-workflow';
import type { ItemResults } from './itemResults';
import type { OperationContext, SingleOperation } from './operationKinds';

/** One request per input item, one output item per input item. */
export async function runSingleOperation(
	this: IExecuteFunctions,
	operation: SingleOperation,
	context: OperationContext,
	results: ItemResults,
): Promise<void> {
	const count = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			results.add(itemIndex, [await operation.run.call(this, context, itemIndex)]);
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
}
