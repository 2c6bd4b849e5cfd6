'use strict';
/** Builders of template nodes, connections and the workflow export (n8n's format). */
const { CARTONA, ODOO, VERSION, CONFIG_ID, ERROR_WORKFLOW_ID } = require('./constants');

let counter = 0;
function uuid(templateIndex) {
	counter += 1;
	return `5a1c0000-0000-4000-8${String(templateIndex).padStart(3, '0')}-${String(counter).padStart(12, '0')}`;
}

function node(name, type, typeVersion, parameters, at, extra = {}) {
	return { parameters, name, type, typeVersion, position: at, ...extra };
}

function settings(fields, at, { includeOtherFields = false } = {}) {
	const typeOf = (v) => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string');
	return node(
		'Settings',
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([name, value], i) => ({
					id: `setting-${i + 1}`,
					name,
					value,
					type: typeOf(value),
				})),
			},
			includeOtherFields,
			options: {},
		},
		at,
	);
}

/** A Set node (manual mapping): `fields` is a list of [name, value, type?] (type defaults to string). */
function setFields(name, fields, at, { includeOtherFields = false, idPrefix = 'field-' } = {}) {
	return node(
		name,
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: fields.map(([key, value, type = 'string'], i) => ({ id: `${idPrefix}${i + 1}`, name: key, value, type })),
			},
			includeOtherFields,
			options: {},
		},
		at,
	);
}

/**
 * What a refusal alert prints (issue 13: short expressions, no logic in the alert): `count` and
 * `orders` (hashed ids) of the refused items reaching it, and `refusal`, Cartona's (already
 * redacted) error for the first one, read from `refusingNode` through the paired item.
 */
function describeRefusals(name, refusingNode, at) {
	return setFields(
		name,
		[
			['count', '={{ $input.all().length }}', 'number'],
			['orders', "={{ $input.all().map(i => i.json.hashed_id).join(', ') }}"],
			['refusal', `={{ $('${refusingNode}').item.json.error }}`],
		],
		at,
		{ idPrefix: 'refusal-' },
	);
}

function sticky(content, at, width = 420, height = 380) {
	return node('Setup', 'n8n-nodes-base.stickyNote', 1, { content, height, width }, at);
}

function cartona(name, resource, operation, parameters, at, extra = {}) {
	return node(name, 'n8n-nodes-cartona.cartona', VERSION.cartona, { resource, operation, ...parameters }, at, { credentials: CARTONA, ...extra });
}

function odoo(name, resource, operation, parameters, at, extra = {}) {
	return node(name, 'n8n-nodes-cartona.odooCartona', VERSION.odooCartona, { resource, operation, configId: CONFIG_ID, ...parameters }, at, {
		credentials: ODOO,
		...extra,
	});
}

function schedule(name, interval, at) {
	return node(name, 'n8n-nodes-base.scheduleTrigger', 1.2, { rule: { interval: [interval] } }, at);
}

function manual(name, at) {
	return node(name, 'n8n-nodes-base.manualTrigger', 1, {}, at);
}

function calledByRouter(at) {
	return node('When the ping router calls', 'n8n-nodes-base.executeWorkflowTrigger', 1.1, { inputSource: 'passthrough' }, at);
}

/** An IF/Filter condition list (n8n's filter parameter, version 2). */
function conditions(list, combinator = 'and') {
	return {
		options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
		conditions: list.map(([leftValue, type, operation, rightValue], i) => {
			const single = rightValue === undefined;
			return {
				id: `condition-${i + 1}`,
				leftValue,
				rightValue: single ? '' : rightValue,
				operator: single ? { type, operation, singleValue: true } : { type, operation },
			};
		}),
		combinator,
	};
}

function ifNode(name, list, at, combinator) {
	return node(name, 'n8n-nodes-base.if', 2.2, { conditions: conditions(list, combinator), looseTypeValidation: true, options: {} }, at);
}

/**
 * Our nodes, with "On Error: Continue", turn a refused item into a regular output item carrying
 * `error` (n8n's error output takes only items whose JSON is nothing but the error), so the
 * templates branch on that field with an IF node.
 */
function succeeded(name, at) {
	return ifNode(name, [['={{ !$json.error && $json.ok !== false }}', 'boolean', 'true']], at);
}

/**
 * Routes the results of Import orders by their `status`: output 0 `imported` (created,
 * existing, updated: Odoo holds the order, so it may be acknowledged), output 1 `held` (orders
 * are off in Odoo: nothing imported; left unwired so the order is not acknowledged and Cartona
 * sends it again), output 2 `failed` (any other status: an error result, or a call that failed
 * as a whole, which has no status). The node's note names the outputs in the editor.
 * Expression mode: one expression per order. In rules mode (three rules, eight conditions)
 * n8n's Switch resolves every rule's expressions for every item, and per-node execution times
 * of a real order pull showed it costing more than everything else in n8n together.
 */
function importOutcome(name, at) {
	return node(
		name,
		'n8n-nodes-base.switch',
		3.2,
		{
			mode: 'expression',
			numberOutputs: 3,
			output: "={{ ['created', 'existing', 'updated'].includes($json.status) ? 0 : $json.status === 'held' ? 1 : 2 }}",
		},
		at,
		{ notes: 'Outputs: 0 imported (created, existing or updated), 1 held (orders off in Odoo), 2 failed', notesInFlow: true },
	);
}

function stopWithError(name, message, at) {
	return node(name, 'n8n-nodes-base.stopAndError', 1, { errorMessage: message }, at);
}

/** connections from a list of [from, to, fromOutput?] */
function connect(edges) {
	const c = {};
	for (const [from, to, output = 0] of edges) {
		c[from] = c[from] || { main: [] };
		while (c[from].main.length <= output) c[from].main.push([]);
		c[from].main[output].push({ node: to, type: 'main', index: 0 });
	}
	return c;
}

/**
 * `keepData: false` for a workflow whose items carry a secret n8n must not store (the status
 * push carries the retailer's delivery OTP): n8n keeps no data of its executions, manual or
 * production, success or error. n8n 2.41 still calls the error workflow before it drops an
 * execution it does not keep (execution-lifecycle-hooks.js), and Odoo's sync log is the record.
 */
function workflow(index, id, name, nodes, edges, { errorWorkflow = true, keepData = true } = {}) {
	counter = 0;
	// The setup note sits above the top-left of the flow so it never covers a node.
	const flow = nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
	const minX = Math.min(...flow.map((n) => n.position[0]));
	const minY = Math.min(...flow.map((n) => n.position[1]));
	for (const n of nodes) {
		if (n.type === 'n8n-nodes-base.stickyNote') n.position = [minX - 40, minY - n.parameters.height - 60];
	}
	const withIds = nodes.map((n) => ({ id: uuid(index), ...n }));
	const s = { executionOrder: 'v1', saveManualExecutions: true, callerPolicy: 'workflowsFromSameOwner' };
	if (errorWorkflow) s.errorWorkflow = ERROR_WORKFLOW_ID;
	if (!keepData) Object.assign(s, { saveManualExecutions: false, saveDataSuccessExecution: 'none', saveDataErrorExecution: 'none', saveExecutionProgress: false });
	return { id, name, nodes: withIds, connections: connect(edges), settings: s, active: false, tags: [] };
}

/** The webhook trigger of the signed Odoo calls (ping / connection test). */
function odooTrigger(name, event, at, extra = {}) {
	return node(name, 'n8n-nodes-cartona.odooCartonaTrigger', VERSION.odooCartonaTrigger, { event, ...extra }, at, { credentials: ODOO, webhookId: event === 'outbox' ? '5a1c0000-0000-4000-8000-00000000f001' : '5a1c0000-0000-4000-8000-00000000f002' });
}

module.exports = { node, setFields, describeRefusals, settings, sticky, cartona, odoo, schedule, manual, calledByRouter, conditions, ifNode, succeeded, importOutcome, stopWithError, connect, workflow, odooTrigger };
