import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { CartonaPath } from '../../schema';
import type { CartonaCallContext } from '../../transport';
import type { RetryClass } from '../../transport/retryPolicy';

/** What every operation receives besides `this`: where to call and the retry bounds. */
export interface OperationContext extends CartonaCallContext {
	/** `internal_supplier_code` for item i: the node option, else the credential default. */
	supplierCode(itemIndex: number): string;
}

/** A list read (Get Many): records of one input item, each passed on untouched. */
export interface ListOperation {
	kind: 'list';
	description: INodeProperties[];
	list(this: IExecuteFunctions, context: OperationContext, itemIndex: number): Promise<IDataObject[]>;
}

/** One entry of a bulk batch: the input item it serves and its checked body. */
export interface BulkEntry {
	itemIndex: number;
	supplierCode: string;
	body: IDataObject;
}

/**
 * A bulk update: each item becomes one checked body entry; the bulk batches (items/bulkBatches.ts) send entries as
 * ceil(N / batch size) requests and pairs Cartona's per-entry failures back to items.
 */
export interface BulkOperation {
	kind: 'bulk';
	description: INodeProperties[];
	path: CartonaPath;
	/** The retry class of the operation's calls (retryPolicy.ts), unless `retryClassOf` says otherwise. */
	retryClass: RetryClass;
	/** The retry class of one entry; a batch holds entries of one class only and is sent with it. */
	retryClassOf?(entry: IDataObject): RetryClass;
	/** The body entry of item i; throws a NodeOperationError naming item and field when invalid. */
	buildEntry(this: IExecuteFunctions, itemIndex: number): IDataObject;
	/**
	 * Confirms one entry that Cartona's batch answer does not account for (the rule in schema.ts).
	 * Resolves with Cartona's confirming answer when the change is applied; throws a
	 * NodeApiError/NodeOperationError naming the item, the order and the reason when it is not.
	 * Absent: such entries are output with `outcome: 'accepted'`.
	 */
	confirmEntry?(
		this: IExecuteFunctions,
		context: OperationContext,
		entry: BulkEntry,
		/** `batch`: the entries sent with it; `why`: what the batch answer lacked, when it had none. */
		options: { batch: readonly BulkEntry[]; why?: string },
	): Promise<IDataObject>;
	/**
	 * Whether a batch that got no answer (the connection broke after sending: the change may or
	 * may not have been applied) has each entry confirmed by `confirmEntry`, with `why` saying so,
	 * instead of failing every entry of the batch (schema.ts).
	 */
	confirmUnknownOutcome?: boolean;
}

/** One request per item (the single-order status endpoint). Returns the output item's JSON. */
export interface SingleOperation {
	kind: 'single';
	description: INodeProperties[];
	run(this: IExecuteFunctions, context: OperationContext, itemIndex: number): Promise<IDataObject>;
}

export type CartonaOperation = ListOperation | BulkOperation | SingleOperation;
