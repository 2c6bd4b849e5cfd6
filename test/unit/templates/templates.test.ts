/**
 * The rules every shipped workflow template (workflows/*.json) follows: issue 5 and STYLE.md §7.
 * Static: reads the JSON, our nodes' descriptions (TypeScript sources) and n8n-nodes-base's
 * descriptions from the pinned n8n install (scripts/n8n/install.sh; npm test installs it before this
 * tier). Without that install the first test fails: the base-node checks never pass by not running.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import {
	checkParameters,
	CREDENTIAL_NAMES,
	ERROR_WORKFLOW_ID,
	loadBaseNodes,
	loadPackageNodes,
	loadTemplates,
	longExpressions,
	MAX_EXPRESSION_LENGTH,
	N8N_NODES_BASE_DIR,
	ROOT,
	predecessors,
	secretsIn,
	strings,
	successors,
	versionsOf,
	type NodeDescription,
	type Template,
	type TemplateNode,
} from './templateRules';

const templates = loadTemplates();
const ours = loadPackageNodes();
const base = loadBaseNodes();

/** The issue's nine templates, by id. */
const REQUIRED = [
	'cartonaOrderPull',
	'cartonaStatusPsh',
	'cartonaDetailPsh',
	'cartonaStockPush',
	'cartonaPricePush',
	'cartonaMatchMigr',
	'cartonaReconcile',
	ERROR_WORKFLOW_ID,
	'cartonaConnTest1',
];

const STICKY = 'n8n-nodes-base.stickyNote';
const FORBIDDEN_TYPES = /\.(code|function|functionItem|executeCommand|ssh|pythonFunction)$|langchain\.code/;

function descriptionsOf(type: string): NodeDescription[] | undefined {
	return ours.get(type) ?? base?.get(type);
}

function isTrigger(node: TemplateNode): boolean {
	const d = descriptionsOf(node.type);
	if (d) return d.some((x) => (x.group ?? []).includes('trigger'));
	return /Trigger$|\.webhook$/.test(node.type);
}

test('n8n-nodes-base descriptions are loaded from the pinned n8n (run scripts/n8n/install.sh)', () => {
	if (!base) throw new Error(`n8n-nodes-base not found at ${N8N_NODES_BASE_DIR}: the base-node checks cannot run (run scripts/n8n/install.sh)`);
	expect(base.size).toBeGreaterThan(100);
	expect(base.get('n8n-nodes-base.httpRequest')).toBeDefined();
});

const byFile = templates.map(({ file, template }) => [file, template] as [string, Template]);

test('the issue\'s nine templates are there, with distinct ids', () => {
	const ids = templates.map((t) => t.template.id);
	expect(new Set(ids).size).toBe(ids.length);
	for (const id of REQUIRED) expect(ids).toContain(id);
});

test('our package declares the node types the templates use', () => {
	expect([...ours.keys()].sort()).toEqual(
		expect.arrayContaining(['n8n-nodes-cartona.cartona', 'n8n-nodes-cartona.odooCartona', 'n8n-nodes-cartona.odooCartonaTrigger']),
	);
});

describe.each(byFile)('%s', (_file, t) => {
	const nodes = t.nodes.filter((n) => n.type !== STICKY);

	test('importable export: id, name, nodes, connections; no pinData, no instance id, not active', () => {
		expect(t.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(typeof t.name).toBe('string');
		expect(t.name).toMatch(/^Cartona: /);
		expect(Array.isArray(t.nodes)).toBe(true);
		expect(typeof t.connections).toBe('object');
		expect(t.pinData).toBeUndefined();
		expect(t.meta?.instanceId).toBeUndefined();
		expect(t.active ?? false).toBe(false);
		expect(t.settings?.executionOrder).toBe('v1');
		const names = t.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		const nodeIds = t.nodes.map((n) => n.id);
		expect(new Set(nodeIds).size).toBe(nodeIds.length);
		for (const [from, byType] of Object.entries(t.connections)) {
			expect(names).toContain(from);
			for (const branch of Object.values(byType).flat()) for (const c of branch ?? []) expect(names).toContain(c.node);
		}
	});

	test(`no expression over ${MAX_EXPRESSION_LENGTH} characters (logic lives in node operations)`, () => {
		expect(longExpressions(t)).toEqual([]);
	});

	test('no Code or Function nodes', () => {
		expect(t.nodes.filter((n) => FORBIDDEN_TYPES.test(n.type)).map((n) => n.name)).toEqual([]);
	});

	test('every node type exists, at its current typeVersion for our nodes and a supported one for built-in nodes', () => {
		const problems: string[] = [];
		for (const n of t.nodes) {
			if (n.type.startsWith('n8n-nodes-cartona.')) {
				const d = ours.get(n.type);
				if (!d) {
					problems.push(`${n.name}: unknown type ${n.type}`);
					continue;
				}
				const current = Math.max(...d.flatMap(versionsOf));
				if (n.typeVersion !== current) problems.push(`${n.name}: ${n.type} typeVersion ${n.typeVersion}, current is ${current}`);
			} else if (n.type.startsWith('n8n-nodes-base.')) {
				if (!base) continue;
				const d = base.get(n.type);
				if (!d) problems.push(`${n.name}: ${n.type} is not in n8n-nodes-base`);
				else if (!d.flatMap(versionsOf).includes(n.typeVersion)) problems.push(`${n.name}: ${n.type} has no typeVersion ${n.typeVersion}`);
			} else {
				problems.push(`${n.name}: ${n.type} is neither ours nor built in`);
			}
		}
		expect(problems).toEqual([]);
	});

	test('parameters exist on the node and option values (resource, operation, ...) are valid', () => {
		const problems: string[] = [];
		for (const n of nodes) {
			const d = descriptionsOf(n.type);
			if (!d) continue; // reported by the type test (or base nodes SKIPPED)
			problems.push(...checkParameters(n, d));
		}
		expect(problems).toEqual([]);
	});

	test('node names say what they do (no default names)', () => {
		const bad: string[] = [];
		for (const n of nodes) {
			const d = descriptionsOf(n.type);
			const defaults = new Set<string>();
			for (const x of d ?? []) {
				defaults.add(x.displayName);
				if (x.defaults?.name) defaults.add(x.defaults.name);
			}
			defaults.add(n.type.split('.')[1]);
			const stem = n.name.replace(/\d+$/, '');
			if (defaults.has(n.name) || (stem !== n.name && defaults.has(stem))) bad.push(n.name);
			if (n.name.length < 6 && n.name !== 'Done') bad.push(n.name);
		}
		expect(bad).toEqual([]);
	});

	test('one Set node named "Settings" at the start, right after every trigger', () => {
		const sets = t.nodes.filter((n) => n.type === 'n8n-nodes-base.set' && n.name === 'Settings');
		expect(sets).toHaveLength(1);
		const triggers = nodes.filter(isTrigger).map((n) => n.name);
		expect(triggers.length).toBeGreaterThan(0);
		for (const trigger of triggers) expect(successors(t, trigger)).toEqual(['Settings']);
		expect(predecessors(t, 'Settings').sort()).toEqual([...triggers].sort());
		const assignments = (sets[0].parameters?.assignments as { assignments?: Array<{ name: string }> })?.assignments ?? [];
		expect(assignments.length).toBeGreaterThan(0);
	});

	test('a sticky note lists the setup steps', () => {
		const notes = t.nodes.filter((n) => n.type === STICKY).map((n) => String(n.parameters?.content ?? ''));
		const setup = notes.find((c) => /setup/i.test(c));
		expect(setup).toBeDefined();
		expect(setup).toMatch(/\n1\. /);
		expect(setup).toMatch(/\n2\. /);
	});

	test('credentials by name only, with the project\'s names', () => {
		const problems: string[] = [];
		for (const n of t.nodes) {
			for (const [type, ref] of Object.entries(n.credentials ?? {})) {
				if (ref.id !== '') problems.push(`${n.name}: credential id must be "" (got ${JSON.stringify(ref.id)})`);
				if (CREDENTIAL_NAMES[type] !== ref.name) problems.push(`${n.name}: ${type} must be named ${JSON.stringify(CREDENTIAL_NAMES[type])} (got ${JSON.stringify(ref.name)})`);
			}
			if (n.type.startsWith('n8n-nodes-cartona.cartona') && !n.credentials?.cartonaApi) problems.push(`${n.name}: no Cartona credential`);
			if (n.type.startsWith('n8n-nodes-cartona.odooCartona') && !n.credentials?.odooCartonaApi) problems.push(`${n.name}: no Odoo credential`);
		}
		expect(problems).toEqual([]);
	});

	test('no tokens, hosts or phone numbers anywhere', () => {
		const problems: string[] = [];
		for (const s of strings(t)) {
			if (/(^|\.)(id|webhookId)$/.test(s.path)) continue; // node and webhook UUIDs
			for (const reason of secretsIn(s.value)) problems.push(`${s.path}: ${reason}`);
		}
		for (const n of t.nodes) {
			for (const s of strings(n.parameters ?? {})) {
				if (/(^|\.)(token|password|apiKey|api_key|secret|webhookSecret)$/i.test(s.path) && s.value !== '') problems.push(`${n.name}.${s.path}: a secret-looking parameter`);
			}
		}
		expect(problems).toEqual([]);
	});

	test('error workflow wiring: every template but the error notification names it', () => {
		if (t.id === ERROR_WORKFLOW_ID) {
			expect(t.nodes.some((n) => n.type === 'n8n-nodes-base.errorTrigger')).toBe(true);
			expect(t.settings?.errorWorkflow).toBeUndefined();
		} else {
			expect(t.settings?.errorWorkflow).toBe(ERROR_WORKFLOW_ID);
		}
	});

	test('workflow references (Execute Workflow) point at shipped templates', () => {
		const ids = new Set(templates.map((x) => x.template.id));
		for (const n of t.nodes.filter((x) => x.type === 'n8n-nodes-base.executeWorkflow')) {
			const ref = n.parameters?.workflowId as { value?: string } | string;
			const id = typeof ref === 'string' ? ref : ref?.value;
			expect(ids.has(id)).toBe(true);
		}
	});
});

test('webhook paths do not collide across templates (all can be active at once)', () => {
	const seen = new Map<string, string>();
	const problems: string[] = [];
	for (const { file, template } of templates) {
		for (const n of template.nodes) {
			const p = n.parameters?.path;
			if (typeof p !== 'string' || !p) continue;
			const key = `${String(n.parameters?.httpMethod ?? 'POST')} ${p}`;
			if (seen.has(key)) problems.push(`${key}: ${seen.get(key)} and ${file}`);
			seen.set(key, file);
		}
	}
	expect(problems).toEqual([]);
});

test('the committed templates are what workflows/generate/build.js builds', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const generator = require(path.join(ROOT, 'workflows', 'generate', 'build.js'));
	const built: Record<string, string> = generator.buildAll();
	expect(Object.keys(built).sort()).toEqual(templates.map((x) => x.file));
	expect(generator.staleFiles()).toEqual([]);
	// and the check notices a change: a copy with one template edited is stale
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-'));
	for (const [file, text] of Object.entries(built)) fs.writeFileSync(path.join(dir, file), text);
	fs.writeFileSync(path.join(dir, 'order-pull.json'), built['order-pull.json'].replace('Every minute', 'Every hour'));
	expect(generator.staleFiles(dir)).toEqual(['order-pull.json']);
	fs.rmSync(dir, { recursive: true });
});

test('the expression-length rule itself finds a long expression', () => {
	const long = `={{ ${'$json.a + '.repeat(20)}1 }}`;
	const t = { nodes: [{ name: 'Long one', type: 'x', typeVersion: 1, parameters: { a: { b: long }, c: '=short', d: 'x'.repeat(200) } }], connections: {} } as Template;
	expect(longExpressions(t)).toEqual([`Long one: a.b (${long.length} characters)`]);
});

test('the secret scanner itself finds what it must', () => {
	expect(secretsIn('http://127.0.0.1:8069')).not.toEqual([]);
	expect(secretsIn('call +201003150160')).not.toEqual([]);
	expect(secretsIn('token 3f9a1c2e7b6d5a4f3e2d1c0b9a8f7e6d')).not.toEqual([]);
	expect(secretsIn('ops@acme-foods.eg')).not.toEqual([]);
	expect(secretsIn('alerts@example.com, Pull new Cartona orders')).toEqual([]);
});

test('the parameter check itself refuses a wrong operation, an unknown parameter and a leftover', () => {
	const odoo = ours.get('n8n-nodes-cartona.odooCartona')!;
	const bad = (parameters: Record<string, unknown>) =>
		checkParameters({ name: 'x', type: 'n8n-nodes-cartona.odooCartona', typeVersion: 1, parameters }, odoo);
	expect(bad({ resource: 'order', operation: 'import', configId: 1 })).toEqual([]);
	expect(bad({ resource: 'order', operation: 'importEverything' })).not.toEqual([]);
	expect(bad({ resource: 'order', operation: 'import', noSuchParameter: 1 })).not.toEqual([]);
	expect(bad({ resource: 'order', operation: 'import', maxEntries: 5 })).not.toEqual([]);
	expect(bad({ resource: 'outbox', operation: 'claim', kinds: ['stock', 'bananas'] })).not.toEqual([]);
});
