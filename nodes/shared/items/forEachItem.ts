import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutput } from './itemOutput';

/** One run of `produce` per input item; its records become output items paired to that item. */
export async function forEachItem(
	this: IExecuteFunctions,
	output: ItemOutput,
	produce: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>,
): Promise<void> {
	const count = output.inputItems.length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			output.add(itemIndex, await produce.call(this, itemIndex));
		} catch (error) {
			output.fail(itemIndex, error);
		}
	}
}
