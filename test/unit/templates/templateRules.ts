/**
 * What a shipped workflow template must be (issue 5, STYLE.md §7), as plain functions over the
 * exported JSON so the rules test stays readable. Each check returns a list of problems (strings);
 * an empty list means the rule holds.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const WORKFLOWS_DIR = path.join(ROOT, 'workflows');
export const PACKAGE_NAME = 'n8n-nodes-cartona';

/** The id of the error notification template: every other template names it in settings.errorWorkflow. */
export const ERROR_WORKFLOW_ID = 'cartonaErrorNtfy';

/** Credential type -> the one name every template uses for it. */
export const CREDENTIAL_NAMES: Record<string, string> = {
	cartonaApi: 'Cartona account',
	odooCartonaApi: 'Odoo (Cartona) account',
	slackApi: 'Slack account',
	smtp: 'SMTP account',
};

export interface TemplateNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	disabled?: boolean;
	[key: string]: unknown;
}

export interface Template {
	id?: string;
	name?: string;
	nodes: TemplateNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }> | null>>>;
	settings?: Record<string, unknown>;
	pinData?: unknown;
	meta?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export function loadTemplates(): Array<{ file: string; template: Template }> {
	return fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, template: JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) as Template }));
}

// ---------------------------------------------------------------- node descriptions

export interface PropertyOption {
	name: string;
	value?: unknown;
	displayName?: string;
	values?: Property[];
	[key: string]: unknown;
}

export interface Property {
	name: string;
	displayName?: string;
	type: string;
	default?: unknown;
	options?: Array<PropertyOption | Property>;
	displayOptions?: { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> };
	[key: string]: unknown;
}

export interface NodeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	defaultVersion?: number;
	defaults?: { name?: string };
	properties: Property[];
	group?: string[];
	credentials?: Array<{ name: string }>;
	webhooks?: unknown[];
}

/** Every version a description covers. */
export function versionsOf(d: NodeDescription): number[] {
	return ([] as number[]).concat(d.version);
}

/** Our package's nodes, loaded from their TypeScript sources (no build needed): type -> description(s). */
export function loadPackageNodes(): Map<string, NodeDescription[]> {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const out = new Map<string, NodeDescription[]>();
	for (const distPath of pkg.n8n.nodes as string[]) {
		const source = path.join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const className = path.basename(source).replace(/\.node\.ts$/, '');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(source);
		const NodeClass = mod[className];
		if (typeof NodeClass !== 'function') throw new Error(`${source} does not export class ${className}`);
		const instance = new NodeClass();
		const list: NodeDescription[] = [];
		if (instance.nodeVersions) {
			for (const v of Object.values(instance.nodeVersions) as Array<{ description: NodeDescription }>) {
				list.push({ ...instance.description, ...v.description });
			}
		} else {
			list.push(instance.description as NodeDescription);
		}
		out.set(`${PACKAGE_NAME}.${list[0].name}`, list);
	}
	return out;
}

export const N8N_NODES_BASE_DIR = path.join(
	process.env.CARTONA_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-cartona'),
	`n8n-${process.env.N8N_VERSION || '2.41.1'}`,
	'node_modules',
	'n8n-nodes-base',
);

/** n8n-nodes-base's descriptions (the editor's own nodes.json): type -> descriptions, or undefined when n8n is not installed. */
export function loadBaseNodes(): Map<string, NodeDescription[]> | undefined {
	const file = path.join(N8N_NODES_BASE_DIR, 'dist', 'types', 'nodes.json');
	if (!fs.existsSync(file)) return undefined;
	const pkg = JSON.parse(fs.readFileSync(path.join(N8N_NODES_BASE_DIR, 'package.json'), 'utf8'));
	const listed = new Set<string>(
		(pkg.n8n.nodes as string[]).map((p) => path.basename(p).replace(/\.node\.js$/, '').toLowerCase()),
	);
	const out = new Map<string, NodeDescription[]>();
	for (const d of JSON.parse(fs.readFileSync(file, 'utf8')) as NodeDescription[]) {
		const type = `n8n-nodes-base.${d.name}`;
		if (!out.has(type)) out.set(type, []);
		out.get(type)!.push(d);
	}
	// Keep only types the package.json lists (by file name), so a stale nodes.json cannot vouch for a node.
	for (const type of [...out.keys()]) {
		const short = type.replace('n8n-nodes-base.', '').toLowerCase();
		if (!listed.has(short) && ![...listed].some((l) => l.replace(/v\d+$/, '') === short)) out.delete(type);
	}
	return out;
}

// ---------------------------------------------------------------- displayOptions

function matchesCondition(value: unknown, allowed: unknown): boolean {
	if (allowed && typeof allowed === 'object' && '_cnd' in (allowed as object)) {
		const [op, target] = Object.entries((allowed as { _cnd: Record<string, unknown> })._cnd)[0];
		const v = value as any; // eslint-disable-line @typescript-eslint/no-explicit-any
		switch (op) {
			case 'eq':
				return v === target;
			case 'not':
				return v !== target;
			case 'gte':
				return v >= (target as number);
			case 'lte':
				return v <= (target as number);
			case 'gt':
				return v > (target as number);
			case 'lt':
				return v < (target as number);
			case 'between': {
				const t = target as { from: number; to: number };
				return v >= t.from && v <= t.to;
			}
			case 'startsWith':
				return typeof v === 'string' && v.startsWith(target as string);
			case 'endsWith':
				return typeof v === 'string' && v.endsWith(target as string);
			case 'includes':
				return typeof v === 'string' && v.includes(target as string);
			case 'regex':
				return typeof v === 'string' && new RegExp(target as string).test(v);
			case 'exists':
				return value !== undefined && value !== null && value !== '';
			default:
				return false;
		}
	}
	return value === allowed;
}

/** Resolves parameter values the way the editor does: set value, else the visible property's default. */
export class ParameterView {
	constructor(
		private readonly description: NodeDescription,
		private readonly version: number,
		private readonly parameters: Record<string, unknown>,
	) {}

	value(name: string, depth = 0): unknown {
		if (name in this.parameters) return this.parameters[name];
		if (depth > 8) return undefined;
		const p = this.description.properties.find((prop) => prop.name === name && this.visible(prop, depth + 1));
		return p ? p.default : undefined;
	}

	visible(prop: Property, depth = 0): boolean {
		const d = prop.displayOptions;
		if (!d) return true;
		const read = (key: string) => (key === '@version' ? this.version : this.value(key.replace(/^\//, ''), depth));
		for (const [key, allowed] of Object.entries(d.show ?? {})) {
			const v = read(key);
			if (!(allowed as unknown[]).some((a) => matchesCondition(v, a))) return false;
		}
		for (const [key, hidden] of Object.entries(d.hide ?? {})) {
			const v = read(key);
			if ((hidden as unknown[]).some((a) => matchesCondition(v, a))) return false;
		}
		return true;
	}
}

/** Longest expression a template may hold (issue 13): logic beyond that belongs in a node operation. */
export const MAX_EXPRESSION_LENGTH = 120;

/** Parameter values that are expressions (start with "=") longer than `max` characters, as "node: path (length)". */
export function longExpressions(t: Template, max = MAX_EXPRESSION_LENGTH): string[] {
	return t.nodes.flatMap((n) =>
		strings(n.parameters ?? {})
			.filter((s) => isExpression(s.value) && s.value.length > max)
			.map((s) => `${n.name}: ${s.path} (${s.value.length} characters)`),
	);
}

export function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

/** The description (of the node's typeVersion) and the problems with its parameters. */
export function checkParameters(node: TemplateNode, descriptions: NodeDescription[]): string[] {
	const d = descriptions.find((x) => versionsOf(x).includes(node.typeVersion));
	if (!d) return [`${node.name}: ${node.type} has no typeVersion ${node.typeVersion}`];
	const params = node.parameters ?? {};
	const view = new ParameterView(d, node.typeVersion, params);
	const problems: string[] = [];
	for (const [key, value] of Object.entries(params)) {
		const candidates = d.properties.filter((p) => p.name === key);
		if (candidates.length === 0) {
			problems.push(`${node.name}: parameter "${key}" does not exist on ${node.type} v${node.typeVersion}`);
			continue;
		}
		const shown = candidates.filter((p) => view.visible(p));
		if (shown.length === 0) {
			problems.push(`${node.name}: parameter "${key}" is not shown for these settings (a leftover or a wrong resource/operation)`);
			continue;
		}
		const p = shown[0];
		if (p.type === 'options' && !isExpression(value)) {
			const values = (p.options ?? []).map((o) => (o as PropertyOption).value);
			if (!values.includes(value)) problems.push(`${node.name}: "${key}" = ${JSON.stringify(value)} is not one of ${JSON.stringify(values)}`);
		}
		if (p.type === 'multiOptions' && Array.isArray(value)) {
			const values = (p.options ?? []).map((o) => (o as PropertyOption).value);
			for (const v of value) if (!isExpression(v) && !values.includes(v)) problems.push(`${node.name}: "${key}" has ${JSON.stringify(v)}, not one of ${JSON.stringify(values)}`);
		}
		if ((p.type === 'collection' || p.type === 'fixedCollection') && value && typeof value === 'object' && !Array.isArray(value)) {
			const names = (p.options ?? []).map((o) => o.name);
			for (const sub of Object.keys(value as object)) {
				if (!names.includes(sub)) problems.push(`${node.name}: "${key}.${sub}" is not an option of ${key} (${names.join(', ')})`);
			}
			if (p.type === 'collection') {
				for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
					const o = (p.options ?? []).find((x) => x.name === sub) as Property | undefined;
					if (o && o.type === 'options' && !isExpression(subValue)) {
						const values = (o.options ?? []).map((x) => (x as PropertyOption).value);
						if (!values.includes(subValue)) problems.push(`${node.name}: "${key}.${sub}" = ${JSON.stringify(subValue)} is not one of ${JSON.stringify(values)}`);
					}
				}
			}
		}
	}
	return problems;
}

// ---------------------------------------------------------------- graph helpers

export function triggerNames(t: Template, isTrigger: (n: TemplateNode) => boolean): string[] {
	return t.nodes.filter(isTrigger).map((n) => n.name);
}

export function successors(t: Template, name: string): string[] {
	const out = t.connections[name]?.main ?? [];
	return out.flatMap((branch) => (branch ?? []).map((c) => c.node));
}

export function predecessors(t: Template, name: string): string[] {
	const list: string[] = [];
	for (const [from, byType] of Object.entries(t.connections)) {
		for (const branch of byType.main ?? []) if ((branch ?? []).some((c) => c.node === name)) list.push(from);
	}
	return list;
}

/** Every string value in a JSON value, with its path. */
export function strings(value: unknown, at = ''): Array<{ path: string; value: string }> {
	if (typeof value === 'string') return [{ path: at, value }];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
	return [];
}

/** Values that must never ship: hosts, tokens, phone numbers. Returns the reasons found. */
export function secretsIn(text: string): string[] {
	const found: string[] = [];
	const urls = text.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'`)<>]+/gi) ?? [];
	for (const u of urls) found.push(`a URL (${u})`);
	if (/\b(?:\d{1,3}\.){3}\d{1,3}\b/.test(text)) found.push('an IP address');
	if (/\blocalhost\b/i.test(text)) found.push('localhost');
	// Phone numbers: a + followed by 8+ digits, or 10+ digit runs (spaces/dashes allowed).
	if (/\+\d[\d\s-]{7,}\d/.test(text) || /(?<![\w.])\d(?:[\s-]?\d){9,}(?![\w.])/.test(text)) found.push('a phone number');
	// Token-like: 24+ characters of letters and digits mixed, no spaces.
	for (const m of text.match(/[A-Za-z0-9_\-+/=]{24,}/g) ?? []) {
		if (/[0-9]/.test(m) && /[A-Za-z]/.test(m) && !/^[a-z]+(?:[-_][a-z]+)*$/i.test(m)) found.push(`a token-like string (${m.slice(0, 8)}...)`);
	}
	// E-mail addresses other than the reserved example domains.
	for (const m of text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []) {
		if (!/@example\.(?:com|org|net)$/i.test(m)) found.push(`an e-mail address (${m})`);
	}
	return found;
}
