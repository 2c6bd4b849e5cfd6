'use strict';
/**
 * Request validation (zod). Objects are passthrough: unknown extra fields are accepted.
 * Identifiers may be strings or numbers (Cartona's own examples use both) and are compared as strings.
 */
const { z } = require('zod');
const { UNITS, SUPPLIER_STATUSES, CANCELLATION_REASONS } = require('./contract');

const identifier = z
	.union([z.string().trim().min(1), z.number().finite()])
	.transform((v) => String(v));
const supplierCode = z.union([z.string().trim().min(1), z.number().int()]).transform((v) => String(v));
const nonNegativeNumber = z.number().finite().nonnegative();
const nonNegativeInt = z.number().int().nonnegative();
const isoDate = z
	.string()
	.refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'Expected an ISO date (YYYY-MM-DD)');

const statusUpdate = z
	.object({
		hashed_id: identifier,
		status: z.enum(SUPPLIER_STATUSES),
		retailer_otp: z.union([z.string(), z.number()]).transform((v) => String(v)).nullish(),
		estimated_delivery_day: isoDate.nullish(),
		delivery_day: isoDate.nullish(),
		cancellation_reason: z.union([z.enum(CANCELLATION_REASONS), z.literal('')]).nullish(),
		internal_supplier_code: supplierCode.optional(),
	})
	.passthrough();

const statusUpdateList = z.array(statusUpdate);
/** The single-order endpoint: hashed_id comes from the path, so it is optional in the body. */
const oneStatusUpdate = statusUpdate.extend({ hashed_id: identifier.optional() });

function checkMinMax(value, ctx) {
	if (value.min_order !== undefined && value.max_order !== undefined && value.min_order > value.max_order) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['min_order'], message: 'min_order must not exceed max_order' });
	}
}

const productUpdate = z
	.object({
		internal_product_id: identifier,
		selling_price: nonNegativeNumber.optional(),
		min_order: nonNegativeInt.optional(),
		max_order: nonNegativeInt.optional(),
		available_stock_quantity: nonNegativeNumber.optional(),
		is_unlimited_stock: z.boolean().optional(),
		in_stock: z.boolean().optional(),
		is_published: z.boolean().optional(),
		internal_supplier_code: supplierCode.optional(),
	})
	.passthrough()
	.superRefine(checkMinMax);

const baseProductUpdate = z
	.object({
		supplier_product_id: identifier.optional(),
		internal_product_id: identifier.optional(),
		base_product_id: identifier.optional(),
		unit: z.enum(UNITS).optional(),
		unit_count: z.number().int().positive().optional(),
		in_stock: z.boolean().optional(),
		available_stock_quantity: nonNegativeNumber.optional(),
		min_order: nonNegativeInt.optional(),
		max_order: nonNegativeInt.optional(),
		is_published: z.boolean().optional(),
		selling_price: nonNegativeNumber.optional(),
		remind_me_at_stock: nonNegativeInt.optional(),
		notes: z.string().nullable().optional(),
		internal_supplier_code: supplierCode.optional(),
		supplier_code: supplierCode.optional(),
	})
	.passthrough()
	.superRefine((value, ctx) => {
		const byBase = value.base_product_id !== undefined && value.unit !== undefined && value.unit_count !== undefined;
		if (value.supplier_product_id === undefined && value.internal_product_id === undefined && !byBase) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['supplier_product_id'],
				message: 'needs supplier_product_id, internal_product_id, or base_product_id + unit + unit_count',
			});
		}
		checkMinMax(value, ctx);
	});

const baseStockUpdate = z
	.object({
		base_product_id: identifier,
		available_stock_quantity: nonNegativeNumber,
		internal_supplier_code: supplierCode.optional(),
	})
	.passthrough();

const detailLine = z
	.object({
		id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
		supplier_product_id: identifier.optional(),
		internal_product_id: identifier.optional(),
		base_product_id: identifier.optional(),
		unit: z.enum(UNITS).optional(),
		unit_count: z.number().int().positive().optional(),
		amount: nonNegativeNumber.optional(),
		price: nonNegativeNumber.optional(),
		cancelled: z.boolean().optional(),
		comment: z.string().nullable().optional(),
	})
	.passthrough();

const orderDetailsUpdate = z
	.object({
		hashed_id: identifier,
		// Cartona's spec shows one object, its examples an array: accept both.
		order_details: z.union([z.array(detailLine).min(1), detailLine.transform((line) => [line])]),
		internal_supplier_code: supplierCode.optional(),
	})
	.passthrough();

const positiveIntString = z.string().regex(/^\d+$/, 'Expected a positive integer').transform(Number).refine((n) => n >= 1, 'Expected a positive integer');
const paging = z
	.object({ page: positiveIntString.optional(), per_page: positiveIntString.optional() })
	.passthrough();

const pullOrdersQuery = paging.extend({ from: isoDate.optional(), to: isoDate.optional() });

const FAULT_KINDS = ['429', '500', '503', 'slow', 'drop-before', 'drop-after'];
const faultRule = z
	.object({
		match: z
			.object({ method: z.string().min(1).optional(), path: z.string().optional() })
			.passthrough()
			.default({}),
		fault: z.union([z.enum(FAULT_KINDS), z.number().int().transform(String).pipe(z.enum(['429', '500', '503']))]),
		times: z.number().int().positive().optional(),
		skip: z.number().int().nonnegative().optional(),
		probability: z.number().min(0).max(1).optional(),
		retryAfter: z.number().nonnegative().optional(),
		delayMs: z.number().int().nonnegative().optional(),
	})
	.passthrough();
const faultRules = z.array(faultRule);

/** Formats a ZodError as the contract's 422 details: { "<path>": "<message>" }, plus a one-line summary. */
function describeZodError(error, prefix) {
	const details = {};
	for (const issue of error.issues) {
		const key = [...(prefix || []), ...issue.path].join('.') || '(body)';
		if (!(key in details)) details[key] = issue.message;
	}
	const [firstKey] = Object.keys(details);
	return { error: `"${firstKey}": ${details[firstKey]}`, details };
}

module.exports = {
	statusUpdate,
	statusUpdateList,
	oneStatusUpdate,
	productUpdate,
	baseProductUpdate,
	baseStockUpdate,
	orderDetailsUpdate,
	paging,
	pullOrdersQuery,
	supplierCode,
	faultRule,
	faultRules,
	FAULT_KINDS,
	describeZodError,
};
