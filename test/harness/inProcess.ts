/**
 * The fast in-process tier: n8n's own execution engine (n8n-core's WorkflowExecute) running a
 * workflow JSON inside the jest process, with n8n-nodes-base and this package's packed build.
 *
 * One copy of n8n: n8n-core, n8n-workflow and n8n-nodes-base all come from the cached real n8n
 * (~/.cache/n8n-nodes-cartona/n8n-2.41.1/node_modules). Our package is packed and unpacked by
 * scripts/n8n/pack-install.sh into a folder inside that tree (.inprocess/<source hash>), so `require('n8n-workflow')` from
 * our dist resolves to n8n's copy exactly as in a real install (no jest moduleNameMapper needed).
 * Tests that need n8n-workflow classes at run time (NodeApiError...) take them from
 * `engine().workflow`, not from the project's devDependency.
 *
 * Slack and Send Email load ESM-only modules: run jest on Node 24 with
 * NODE_OPTIONS=--experimental-vm-modules. Code nodes do not run in-process (n8n 2.x sends them to
 * the task runner): cover those in the real-n8n tier.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { N8N_DIR } from './n8nServer';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_MODULES = path.join(N8N_DIR, 'node_modules');
/** Inside the n8n tree: our packed package is unpacked into <this>/<source hash>/ for this tier. */
const INPROCESS_ROOT = path.join(N8N_DIR, '.inprocess');
const PACKAGE_NAME = 'n8n-nodes-cartona';

type Loader = {
	packageName: string;
	loadAll(): Promise<void>;
	getNode(type: string): { type: INodeType | IVersionedNodeType; sourcePath: string };
	getCredential(type: string): { type: ICredentialType; sourcePath: string };
	known: { nodes: Record<string, unknown>; credentials: Record<string, { extends?: string[] }> };
	types: { nodes: Array<{ name: string }>; credentials: Array<{ name: string }> };
};

export interface Engine {
	/** n8n-workflow as the engine sees it (use its classes for instanceof checks). */
	workflow: typeof import('n8n-workflow');
	core: any;
	loaders: Record<string, Loader>;
	nodeTypes: {
		getByName(type: string): INodeType | IVersionedNodeType;
		getByNameAndVersion(type: string, version?: number): INodeType;
		getKnownTypes(): Record<string, unknown>;
	};
	packageDir?: string;
}

export interface RunOptions {
	/** Decrypted credential data by credential type name: { cartonaApi: { environment, url, token } }. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Node name -> items (json objects or full INodeExecutionData); those nodes do not run. */
	pinData?: Record<string, Array<IDataObject | INodeExecutionData>>;
	/** Items the start (trigger) node emits; default one empty item. */
	triggerItems?: Array<IDataObject | INodeExecutionData>;
	/** The node to start from; default the Manual Trigger, else the first trigger, else n8n's choice. */
	startNode?: string;
	/** Default 'trigger' (a production run: triggers pass triggerItems through). */
	mode?: WorkflowExecuteMode;
	/** This run's execution id ($execution.id); default 'in-process-1'. */
	executionId?: string;
}

export interface RunResult {
	run: IRun;
	/** Node name -> items of its first output, over every run of the node. */
	output: Record<string, INodeExecutionData[]>;
	/** Node names in the order they finished. */
	order: string[];
	/** run.data.resultData.error (n8n reports failures here, not as exceptions). */
	error?: Error & { description?: string; httpCode?: string; node?: INode };
	ms: number;
}

/** Why this tier cannot run, or undefined. */
export function inProcessMissing(): string | undefined {
	for (const p of ['n8n-core', 'n8n-workflow', 'n8n-nodes-base']) {
		if (!fs.existsSync(path.join(NODE_MODULES, p, 'package.json'))) return `${p} is missing from ${NODE_MODULES} (run bash scripts/n8n/install.sh)`;
	}
	return undefined;
}

/**
 * Packs this package and unpacks it inside the n8n tree, in a folder named by the source hash
 * (`<n8n>/.inprocess/<hash>`), so a run never sees another run replace the files it loads.
 * Returns the package directory.
 */
export function installPackageForInProcess(): string {
	const script = path.join(ROOT, 'scripts', 'n8n', 'pack-install.sh');
	const run = (arg: string) =>
		(execFileSync('bash', [script, arg], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop() as string);
	const tarball = run('--pack-only');
	const hash = path.basename(tarball, '.tgz').replace(`${PACKAGE_NAME}-`, '');
	const folder = path.join(INPROCESS_ROOT, hash);
	const dir = path.join(folder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	if (fs.existsSync(path.join(folder, '.n8n', 'nodes', `.${PACKAGE_NAME}.hash`))) return dir;
	const installed = run(folder);
	// Older builds: drop those untouched for a day.
	for (const old of fs.existsSync(INPROCESS_ROOT) ? fs.readdirSync(INPROCESS_ROOT) : []) {
		const p = path.join(INPROCESS_ROOT, old);
		if (old !== hash && old !== 'instance' && Date.now() - fs.statSync(p).mtimeMs > 86400000) fs.rmSync(p, { recursive: true, force: true });
	}
	return installed;
}

/**
 * Node's own require, outside jest's module registry: n8n's dependencies include ESM-only modules
 * (htmlparser2 via sanitize-html, loaded by Send Email and Slack) that Node 24 can require() but
 * jest 29's registry cannot. process.getBuiltinModule (Node >= 22.3) reaches the real `module`
 * (jest replaces `require('module').createRequire` with its own). nock still intercepts: it
 * patches the shared core http module.
 */
const nativeRequire: NodeRequire =
	(process as unknown as { getBuiltinModule?: (id: string) => typeof import('module') }).getBuiltinModule?.('module')?.createRequire(__filename) ??
	require;

function req<T = any>(p: string): T {
	return nativeRequire(p) as T;
}

let enginePromise: Promise<Engine> | undefined;

/**
 * Loads n8n-nodes-base and (unless withPackage is false) this package once per jest module
 * registry. packageDir: load the package from there instead of packing it.
 */
/** In-memory stand-in for n8n's database deduplication store ('entries' mode, as the templates use). */
function memoryDeduplicator() {
	const store = new Map<string, string[]>();
	const keyOf = (scope: string, ctx: any) => `${ctx.workflow.id}|${scope === 'node' ? ctx.node?.id : ''}`;
	const entriesOnly = (options: any) => {
		if (options?.mode !== 'entries') throw new Error(`in-process deduplication supports mode 'entries' only, not ${options?.mode}`);
	};
	return {
		async checkProcessedAndRecord(items: string[], scope: string, ctx: any, options: any) {
			entriesOnly(options);
			const seen = store.get(keyOf(scope, ctx)) ?? [];
			const result = { new: [] as string[], processed: [] as string[] };
			for (const item of items) {
				if (seen.includes(item)) result.processed.push(item);
				else {
					result.new.push(item);
					seen.push(item);
				}
			}
			if (options.maxEntries) seen.splice(0, Math.max(0, seen.length - options.maxEntries));
			store.set(keyOf(scope, ctx), seen);
			return result;
		},
		async removeProcessed(items: string[], scope: string, ctx: any, options: any) {
			entriesOnly(options);
			store.set(keyOf(scope, ctx), (store.get(keyOf(scope, ctx)) ?? []).filter((k) => !items.includes(k)));
		},
		async clearAllProcessedItems(scope: string, ctx: any) {
			store.delete(keyOf(scope, ctx));
		},
		async getProcessedDataCount(scope: string, ctx: any, options: any) {
			entriesOnly(options);
			return (store.get(keyOf(scope, ctx)) ?? []).length;
		},
	};
}

export function engine(options: { withPackage?: boolean; packageDir?: string } = {}): Promise<Engine> {
	enginePromise ??= loadEngine(options);
	return enginePromise;
}

async function loadEngine({ withPackage = true, packageDir }: { withPackage?: boolean; packageDir?: string }): Promise<Engine> {
	// n8n-core's InstanceSettings writes <N8N_USER_FOLDER>/.n8n/config when first used.
	process.env.N8N_USER_FOLDER ??= path.join(INPROCESS_ROOT, 'instance');
	process.env.N8N_RUNNERS_ENABLED ??= 'false';
	const workflow = req<typeof import('n8n-workflow')>(path.join(NODE_MODULES, 'n8n-workflow'));
	const core = req(path.join(NODE_MODULES, 'n8n-core'));
	// n8n's server keeps Remove Duplicates' history in its database (processed_data); in-process,
	// the same contract in memory: keys per workflow (and node, for scope 'node'), oldest dropped.
	// (Once per process: n8n-core may be shared by several test files of one worker.)
	if (!core.DataDeduplicationService.instance) await core.DataDeduplicationService.init(memoryDeduplicator());

	const loaders: Record<string, Loader> = {};
	const dirs = [path.join(NODE_MODULES, 'n8n-nodes-base')];
	if (withPackage) dirs.push(packageDir ?? installPackageForInProcess());
	for (const dir of dirs) {
		const loader: Loader = new core.LazyPackageDirectoryLoader(dir);
		await loader.loadAll();
		loaders[loader.packageName] = loader;
	}

	const split = (type: string) => {
		const i = type.lastIndexOf('.');
		const pkg = type.slice(0, i);
		const loader = loaders[pkg];
		if (!loader) throw new Error(`Unrecognized node type: ${type} (package ${pkg} is not loaded)`);
		return { loader, name: type.slice(i + 1) };
	};
	const nodeTypes = {
		getByName(type: string) {
			const { loader, name } = split(type);
			return loader.getNode(name).type;
		},
		getByNameAndVersion(type: string, version?: number) {
			return workflow.NodeHelpers.getVersionedNodeType(nodeTypes.getByName(type), version);
		},
		getKnownTypes() {
			const known: Record<string, unknown> = {};
			for (const l of Object.values(loaders)) for (const [k, v] of Object.entries(l.known.nodes)) known[`${l.packageName}.${k}`] = v;
			return known;
		},
	};
	return { workflow, core, loaders, nodeTypes, packageDir: withPackage ? dirs[1] : undefined };
}

/** Finds a credential type in any loaded package. */
function credentialType(eng: Engine, name: string): ICredentialType {
	for (const l of Object.values(eng.loaders)) {
		if (l.known.credentials[name]) return l.getCredential(name).type;
	}
	throw new Error(`Unknown credential type: ${name}`);
}

/**
 * A credentials helper like n8n's own: data comes from `credentials` (by type), defaults of the
 * credential's properties are applied, and `authenticate` is applied as n8n does it (a function,
 * or a generic block whose expressions see $credentials).
 */
export function createCredentialsHelper(eng: Engine, credentials: Record<string, ICredentialDataDecryptedObject>) {
	const { workflow: wf } = eng;
	const parentTypes = (name: string): string[] => {
		for (const l of Object.values(eng.loaders)) {
			const ext = l.known.credentials[name]?.extends;
			if (ext) return ext.flatMap((p) => [p, ...parentTypes(p)]);
		}
		return [];
	};
	const resolve = (value: unknown, creds: ICredentialDataDecryptedObject, workflow: any, node: INode) => {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const v = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: creds }, undefined, '');
		return v ? String(v) : '';
	};
	const helper = {
		getParentTypes: parentTypes,
		async authenticate(creds: ICredentialDataDecryptedObject, typeName: string, options: IHttpRequestOptions, workflow: any, node: INode) {
			const type = credentialType(eng, typeName);
			const auth = type.authenticate as any;
			if (!auth) return options;
			if (typeof auth === 'function') return await auth(creds, options);
			if (auth.type === 'generic') {
				const target = options as unknown as Record<string, Record<string, unknown>>;
				for (const [outer, inner] of Object.entries(auth.properties as Record<string, Record<string, unknown>>)) {
					target[outer] ??= {};
					for (const [k, v] of Object.entries(inner)) {
						target[outer][String(resolve(k, creds, workflow, node))] = resolve(v, creds, workflow, node);
					}
				}
			}
			return options;
		},
		async preAuthentication() {
			return undefined;
		},
		async runPreAuthentication() {
			return undefined;
		},
		getCredentialsProperties(type: string) {
			const t = credentialType(eng, type);
			const props = [...t.properties];
			for (const parent of t.extends ?? []) props.unshift(...helper.getCredentialsProperties(parent));
			return props;
		},
		async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
			const data = credentials[type];
			if (!data) throw new Error(`No credentials of type "${type}" were given to runWorkflow()`);
			const props = helper.getCredentialsProperties(type);
			return wf.NodeHelpers.getNodeParameters(props, data as never, true, false, null, null) as ICredentialDataDecryptedObject;
		},
		async getCredentials() {
			throw new Error('getCredentials is not available in-process');
		},
		async updateCredentials() {},
		async updateCredentialsOauthTokenData() {},
		getOAuth2Options() {
			return undefined;
		},
		isCredentialUsableByNode() {
			return true;
		},
	};
	return helper;
}

const toItem = (i: IDataObject | INodeExecutionData): INodeExecutionData =>
	i && typeof i === 'object' && 'json' in i && typeof (i as INodeExecutionData).json === 'object' ? (i as INodeExecutionData) : { json: i as IDataObject };

/**
 * Runs a workflow (exported JSON) in-process and returns its run data. Errors do not throw: they
 * are in `error` (run.data.resultData.error), as in n8n.
 */
export async function runWorkflow(workflowJson: { id?: string; name?: string; nodes: INode[]; connections: any; settings?: any; staticData?: any }, options: RunOptions = {}): Promise<RunResult> {
	const eng = await engine();
	const { workflow: wf, core } = eng;
	const started = Date.now();
	const mode: WorkflowExecuteMode = options.mode ?? 'trigger';
	const nodes: INode[] = JSON.parse(JSON.stringify(workflowJson.nodes));
	const workflow = new wf.Workflow({
		id: workflowJson.id ?? 'in-process',
		name: workflowJson.name ?? 'in-process',
		nodes,
		connections: workflowJson.connections ?? {},
		nodeTypes: eng.nodeTypes as any,
		staticData: workflowJson.staticData,
		settings: { executionOrder: 'v1', ...(workflowJson.settings ?? {}) },
		active: false,
	});

	const startNode = pickStartNode(workflow, eng, options.startNode);
	const pinData = options.pinData
		? Object.fromEntries(Object.entries(options.pinData).map(([k, v]) => [k, v.map(toItem)]))
		: undefined;

	const hooks = new core.ExecutionLifecycleHooks(mode, options.executionId ?? 'in-process-1', { id: workflow.id, name: workflow.name, nodes, connections: workflowJson.connections, active: false, settings: workflow.settings, isArchived: false, createdAt: new Date(), updatedAt: new Date(), activeVersionId: null });
	const order: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		order.push(nodeName);
	});
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolve(run)));

	// A plain object, not a jest mock: mocks leak into node parameters (see the notes).
	const additionalData = {
		hooks,
		credentialsHelper: createCredentialsHelper(eng, options.credentials ?? {}),
		executeWorkflow: async () => {
			throw new Error('Execute Workflow is not available in-process');
		},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		userId: 'in-process-user',
		currentNodeParameters: undefined,
		executionId: options.executionId ?? 'in-process-1',
		setExecutionStatus: () => undefined,
		sendDataToUI: () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('Code nodes do not run in-process (n8n 2.x sends them to the task runner)');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = wf.createRunExecutionData({
		resultData: { runData: {}, pinData },
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [(options.triggerItems ?? [{}]).map(toItem)] },
					source: null,
				},
			],
		},
	});
	const execute = new core.WorkflowExecute(additionalData, mode, runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;

	const output: Record<string, INodeExecutionData[]> = {};
	for (const [name, runs] of Object.entries(run.data.resultData.runData)) {
		output[name] = runs.flatMap((r) => r.data?.main?.[0] ?? []);
	}
	return { run, output, order, error: run.data.resultData.error as RunResult['error'], ms: Date.now() - started };
}

function pickStartNode(workflow: any, eng: Engine, name?: string): INode {
	if (name) {
		const n = workflow.getNode(name);
		if (!n) throw new Error(`No node named "${name}"`);
		return n;
	}
	const nodes: INode[] = Object.values(workflow.nodes);
	const manual = nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger' && !n.disabled);
	if (manual) return manual;
	const trigger = nodes.find((n) => {
		if (n.disabled) return false;
		const t = eng.nodeTypes.getByNameAndVersion(n.type, n.typeVersion);
		return Boolean(t.trigger || t.poll || t.webhook || t.description.group?.includes('trigger'));
	});
	if (trigger) return trigger;
	const start = workflow.getStartNode();
	if (!start) throw new Error('The workflow has no start node');
	return start;
}
