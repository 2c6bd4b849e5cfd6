import type { INodeProperties, INodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { Cartona } from '../../../nodes/Cartona/Cartona.node';
import { OdooCartona } from '../../../nodes/OdooCartona/OdooCartona.node';
import { OdooCartonaTrigger } from '../../../nodes/OdooCartona/OdooCartonaTrigger.node';

/**
 * Version 1 as saved workflows know it: every parameter name and default, per
 * "resource.operation" it is shown for ("*" = every one), in description order, with the
 * options of collections as "collection.option". Changing any of these breaks saved workflows
 * (typeVersion 1): such a change belongs in a version 2 beside v1/.
 */
const CARTONA_V1: Record<string, Array<[string, unknown]>> = {
	'*.*': [
		['resource', 'order'],
	],
	'order.*': [
		['operation', 'getAll'],
	],
	'order.getAll': [
		['returnAll', false],
		['limit', 50],
		['filters', {}],
		['filters.from', ''],
		['filters.to', ''],
		['options', {}],
		['options.internalSupplierCode', ''],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
	'order.updateStatus': [
		['bulkStatusNotice', ''],
		['fieldsSource', 'mapping'],
		['hashedId', '={{ $json.hashed_id }}'],
		['status', '={{ $json.status }}'],
		['retailerOtp', '={{ $json.retailer_otp }}'],
		['estimatedDeliveryDay', '={{ $json.estimated_delivery_day }}'],
		['deliveryDay', '={{ $json.delivery_day }}'],
		['cancellationReason', '={{ $json.cancellation_reason }}'],
		['requiresOtp', '={{ $json.requires_otp }}'],
		['options', {}],
		['options.batchSize', 100],
		['options.concurrency', 4],
		['options.internalSupplierCode', ''],
		['options.maxRequestsPerSecond', 0],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
	'order.updateOneStatus': [
		['fieldsSource', 'mapping'],
		['hashedId', '={{ $json.hashed_id }}'],
		['status', '={{ $json.status }}'],
		['retailerOtp', '={{ $json.retailer_otp }}'],
		['estimatedDeliveryDay', '={{ $json.estimated_delivery_day }}'],
		['deliveryDay', '={{ $json.delivery_day }}'],
		['cancellationReason', '={{ $json.cancellation_reason }}'],
		['requiresOtp', '={{ $json.requires_otp }}'],
		['options', {}],
		['options.internalSupplierCode', ''],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
	'order.updateDetails': [
		['fieldsSource', 'mapping'],
		['hashedId', '={{ $json.hashed_id }}'],
		['orderDetails', '={{ $json.order_details }}'],
		['options', {}],
		['options.batchSize', 100],
		['options.concurrency', 4],
		['options.internalSupplierCode', ''],
		['options.maxRequestsPerSecond', 0],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
	'product.*': [
		['operation', 'getAll'],
	],
	'product.getAll': [
		['returnAll', false],
		['limit', 50],
		['options', {}],
		['options.internalSupplierCode', ''],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
	'product.bulkUpdate': [
		['fieldsSource', 'mapping'],
		['internalProductId', '={{ $json.internal_product_id }}'],
		['sellingPrice', '={{ $json.selling_price }}'],
		['availableStockQuantity', '={{ $json.available_stock_quantity }}'],
		['isUnlimitedStock', '={{ $json.is_unlimited_stock }}'],
		['inStock', '={{ $json.in_stock }}'],
		['isPublished', '={{ $json.is_published }}'],
		['minOrder', '={{ $json.min_order }}'],
		['maxOrder', '={{ $json.max_order }}'],
		['options', {}],
		['options.batchSize', 100],
		['options.concurrency', 4],
		['options.internalSupplierCode', ''],
		['options.maxRequestsPerSecond', 0],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
	'baseProduct.*': [
		['operation', 'getAll'],
	],
	'baseProduct.getAll': [
		['returnAll', false],
		['limit', 50],
		['filters', {}],
		['filters.baseProductId', ''],
		['filters.internalProductId', ''],
		['filters.searchText', ''],
		['filters.supplierProductId', ''],
		['options', {}],
		['options.internalSupplierCode', ''],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
	'baseProduct.bulkUpdate': [
		['fieldsSource', 'mapping'],
		['supplierProductId', '={{ $json.supplier_product_id }}'],
		['internalProductId', '={{ $json.internal_product_id }}'],
		['baseProductId', '={{ $json.base_product_id }}'],
		['unit', '={{ $json.unit }}'],
		['unitCount', '={{ $json.unit_count }}'],
		['sellingPrice', '={{ $json.selling_price }}'],
		['availableStockQuantity', '={{ $json.available_stock_quantity }}'],
		['inStock', '={{ $json.in_stock }}'],
		['isPublished', '={{ $json.is_published }}'],
		['minOrder', '={{ $json.min_order }}'],
		['maxOrder', '={{ $json.max_order }}'],
		['remindMeAtStock', '={{ $json.remind_me_at_stock }}'],
		['notes', '={{ $json.notes }}'],
		['options', {}],
		['options.batchSize', 100],
		['options.concurrency', 4],
		['options.internalSupplierCode', ''],
		['options.maxRequestsPerSecond', 0],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
	'baseProduct.bulkUpdateStock': [
		['fieldsSource', 'mapping'],
		['baseProductId', '={{ $json.base_product_id }}'],
		['availableStockQuantity', '={{ $json.available_stock_quantity }}'],
		['options', {}],
		['options.batchSize', 100],
		['options.concurrency', 4],
		['options.internalSupplierCode', ''],
		['options.maxRequestsPerSecond', 0],
		['options.maxRetries', 3],
		['options.maxRetryWaitSeconds', 60],
	],
};

const ODOO_CARTONA_V1: Record<string, Array<[string, unknown]>> = {
	'*.*': [
		['resource', 'order'],
	],
	'order.*': [
		['operation', 'import'],
	],
	'order.import': [
		['configId', 1],
		['importNotice', ''],
		['options', {}],
		['options.batchSize', 100],
	],
	'order.applyStatus': [
		['configId', 1],
		['applyStatusNotice', ''],
		['options', {}],
		['options.batchSize', 100],
	],
	'order.getStatusChanges': [
		['configId', 1],
		['maxOrders', 100],
		['options', {}],
		['options.saleOrderIds', ''],
	],
	'order.getDetailsChanges': [
		['configId', 1],
		['maxOrders', 100],
		['options', {}],
		['options.saleOrderIds', ''],
	],
	'order.markSynced': [
		['configId', 1],
		['kind', 'status'],
		['saleOrderId', '={{ $json.sale_order_id }}'],
		['succeeded', true],
		['options', {}],
		['options.batchSize', 100],
		['options.errorMessage', ''],
		['options.hashedId', ''],
		['options.status', ''],
	],
	'partner.*': [
		['operation', 'matchOrCreate'],
	],
	'partner.matchOrCreate': [
		['configId', 1],
		['retailerField', 'retailer'],
		['options', {}],
		['options.batchSize', 100],
	],
	'partner.setCartonaIds': [
		['configId', 1],
		['partnerMappingNotice', ''],
		['dryRun', false],
		['options', {}],
		['options.batchSize', 100],
	],
	'product.*': [
		['operation', 'resolve'],
	],
	'product.recordRefusals': [
		['configId', 1],
		['cartonaId', '={{ $json.request.internal_product_id }}'],
		['reason', '={{ $json.error }}'],
		['kind', 'stock'],
		['options', {}],
		['options.batchSize', 100],
	],
	'product.resolve': [
		['configId', 1],
		['cartonaId', '={{ $json.internal_product_id }}'],
		['options', {}],
		['options.batchSize', 100],
	],
	'product.setCartonaIds': [
		['configId', 1],
		['productMappingNotice', ''],
		['dryRun', false],
		['options', {}],
		['options.batchSize', 100],
	],
	'stock.*': [
		['operation', 'getSnapshot'],
	],
	'stock.getSnapshot': [
		['configId', 1],
		['products', 'allMapped'],
		['productIdField', 'product_id'],
		['productIds', ''],
		['options', {}],
		['options.afterId', 0],
		['options.offset', 0],
		['options.onePage', false],
		['options.pageRanges', false],
		['options.pageSize', 2000],
		['options.untilId', 0],
		['options.includePrice', false],
	],
	'price.*': [
		['operation', 'getSnapshot'],
	],
	'price.getSnapshot': [
		['configId', 1],
		['products', 'allMapped'],
		['productIdField', 'product_id'],
		['productIds', ''],
		['options', {}],
		['options.afterId', 0],
		['options.offset', 0],
		['options.onePage', false],
		['options.pageRanges', false],
		['options.pageSize', 2000],
		['options.untilId', 0],
	],
	'outbox.*': [
		['operation', 'claim'],
	],
	'outbox.claim': [
		['configId', 1],
		['kinds', []],
		['maxEntries', 500],
		['leaseSeconds', 120],
	],
	'outbox.acknowledge': [
		['configId', 1],
		['entryId', '={{ $json.entry_id }}'],
		['succeeded', true],
		['options', {}],
		['options.batchSize', 100],
		['options.errorMessage', ''],
		['options.refused', false],
	],
	'syncLog.*': [
		['operation', 'write'],
	],
	'syncLog.write': [
		['configId', 1],
		['kind', 'other'],
		['direction', 'outbound'],
		['state', 'ok'],
		['message', ''],
		['options', {}],
		['options.batchSize', 100],
		['options.countFailed', 0],
		['options.countOk', 0],
		['options.durationMs', 0],
		['options.executionId', '={{ $execution.id }}'],
		['options.recordRef', ''],
	],
	'config.*': [
		['operation', 'get'],
	],
	'config.get': [
		['configId', 1],
		['options', {}],
		['options.configName', ''],
	],
};

function parametersOf(properties: INodeProperties[]): Record<string, Array<[string, unknown]>> {
	const pinned: Record<string, Array<[string, unknown]>> = {};
	for (const property of properties) {
		const show = property.displayOptions?.show ?? {};
		const scope = `${show.resource?.join('|') ?? '*'}.${show.operation?.join('|') ?? '*'}`;
		const list = (pinned[scope] ??= []);
		list.push([property.name, property.default]);
		if (property.type === 'collection' || property.type === 'fixedCollection') {
			for (const option of (property.options ?? []) as INodeProperties[]) list.push([`${property.name}.${option.name}`, option.default]);
		}
	}
	return pinned;
}

describe.each([
	['cartona', () => new Cartona(), 'Cartona', CARTONA_V1],
	['odooCartona', () => new OdooCartona(), 'Odoo Cartona', ODOO_CARTONA_V1],
] as const)('%s is a versioned node', (name, create, displayName, pinned) => {
	const node = create();
	const v1 = node.getNodeType(1);

	it('wraps its versions in VersionedNodeType, version 1 the default and the only one', () => {
		expect(node).toBeInstanceOf(VersionedNodeType);
		expect(node.description).toMatchObject({ name, displayName, defaultVersion: 1 });
		expect(Object.keys(node.nodeVersions)).toEqual(['1']);
		expect(node.getNodeType()).toBe(v1);
		expect(node.getLatestVersion()).toBe(1);
	});

	it('version 1 keeps the node type name, icons, connections and an execute()', () => {
		expect(v1.description).toMatchObject({
			name,
			displayName,
			version: [1],
			usableAsTool: true,
			inputs: ['main'],
			outputs: ['main'],
			defaults: { name: displayName },
		});
		expect(v1.description.icon).toEqual({ light: `file:${name}.svg`, dark: `file:${name}.dark.svg` });
		expect(v1.description.subtitle).toBe('={{ $parameter["operation"] + ": " + $parameter["resource"] }}');
		expect(typeof (v1 as INodeType).execute).toBe('function');
	});

	it('version 1 keeps every parameter name and default', () => {
		expect(parametersOf(v1.description.properties)).toEqual(pinned);
	});
});

it('the trigger is not versioned: a plain node type of version 1', () => {
	const trigger = new OdooCartonaTrigger();
	expect(trigger).not.toBeInstanceOf(VersionedNodeType);
	expect(trigger.description.version).toBe(1);
});
