/**
 * Typed entry to the real-n8n harness (scripts/n8n/server.js, plain JS so `npm start` can run it
 * without a compiler). See test/harness/README.md for what each call does in n8n 2.41.1.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface CredentialInput {
	/** Optional fixed id (CLI import only); the REST import always gives a new one. */
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: Array<Record<string, any>>;
	connections?: Record<string, any>;
	settings?: Record<string, any>;
	pinData?: Record<string, any>;
	staticData?: unknown;
	[key: string]: unknown;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: 'success' | 'error' | 'crashed' | 'canceled' | 'running' | 'new' | 'waiting' | string;
	mode: string;
	startedAt: string;
	stoppedAt?: string;
	[key: string]: unknown;
}

export interface Execution extends ExecutionSummary {
	/** The run data (IRunExecutionData): data.resultData.runData[nodeName][run].data.main[0][i].json */
	data: any;
}

export interface WebhookResponse {
	status: number;
	headers: Record<string, string>;
	body: any;
	ms: number;
}

export interface StartOptions {
	/** Reuse this folder (kept on stop); default a fresh temp folder, removed on stop. */
	userFolder?: string;
	/** Extra environment for n8n (e.g. N8N_USE_WORKFLOW_PUBLICATION_SERVICE). */
	env?: Record<string, string>;
	/** Pack and install this package into the user folder first (default true). */
	withPackage?: boolean;
	port?: number;
	/** Imported with the n8n CLI before the server starts. */
	credentials?: CredentialInput[];
	workflows?: WorkflowJson[];
	/** Workflow ids published with `n8n publish:workflow` before the server starts. */
	publish?: string[];
	logFile?: string;
	readyTimeoutMs?: number;
}

export interface N8nServer {
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	owner: { email: string; password: string };
	pid: number;
	timings: { installMs?: number; readyMs: number; startMs: number };
	imported: { credentials?: Array<{ id: string; name: string; type: string }>; workflows?: Array<{ id: string; name: string }> };
	authCookie(): string;
	rest(method: string, urlPath: string, body?: unknown): Promise<any>;
	importCredentials(list: CredentialInput[]): Promise<Array<{ id: string; name: string; type: string }>>;
	importWorkflow(json: WorkflowJson): Promise<{ id: string; versionId: string; name: string }>;
	getWorkflow(id: string): Promise<any>;
	updateWorkflow(id: string, patch: Partial<WorkflowJson>): Promise<any>;
	activate(id: string, options?: { timeoutMs?: number }): Promise<any>;
	deactivate(id: string): Promise<any>;
	webhook(
		webhookPath: string,
		options?: { method?: string; body?: unknown; headers?: Record<string, string>; test?: boolean },
	): Promise<WebhookResponse>;
	executions(filter?: { workflowId?: string; status?: string; limit?: number }): Promise<ExecutionSummary[]>;
	execution(id: string): Promise<Execution>;
	waitForExecution(options: {
		workflowId: string;
		status?: string;
		timeoutMs?: number;
		/** Ignore these execution ids (those seen before the action under test). */
		after?: Iterable<string>;
	}): Promise<Execution>;
	stop(options?: { keepUserFolder?: boolean }): Promise<void>;
	exited(): { code: number | null; signal: string | null } | null;
}

export interface HeadlessResult {
	ok: boolean;
	code: number | null;
	/** The JSON n8n prints with --rawOutput (IRun: { data: { resultData: { runData } } }). */
	result: any;
	stdout: string;
	stderr: string;
	userFolder: string;
	workflowId: string;
	timings: { installMs: number; importCredentialsMs: number; importWorkflowMs: number; executeMs: number };
}

interface Lib {
	startN8n(options?: StartOptions): Promise<N8nServer>;
	runHeadless(
		workflow: WorkflowJson,
		options?: { credentials?: CredentialInput[]; userFolder?: string; env?: Record<string, string>; withPackage?: boolean; keepUserFolder?: boolean },
	): Promise<HeadlessResult>;
	runCli(
		args: string[],
		options: { userFolder: string; env?: Record<string, string>; timeoutMs?: number },
	): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
	installPackage(userFolder: string): Promise<string>;
	n8nDir(): Promise<string>;
	freePort(): Promise<number>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib: Lib = require('../../scripts/n8n/server');

export const startN8n = lib.startN8n;
export const runHeadless = lib.runHeadless;
export const runCli = lib.runCli;
export const installPackage = lib.installPackage;
export const n8nDir = lib.n8nDir;
export const freePort = lib.freePort;

export const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';
const CACHE = process.env.CARTONA_CACHE || path.join(require('os').homedir(), '.cache', 'n8n-nodes-cartona');
export const N8N_DIR = path.join(CACHE, `n8n-${N8N_VERSION}`);

/**
 * Why the real-n8n tier cannot run here, or undefined when it can. Only a truly absent piece
 * counts (never slowness): the cached n8n install (scripts/n8n/install.sh makes it).
 * In CI (CI set) absence is an error, not a skip: the caller should fail.
 */
export function realN8nMissing(): string | undefined {
	if (!fs.existsSync(path.join(N8N_DIR, '.installed'))) return `real n8n ${N8N_VERSION} is not installed at ${N8N_DIR} (run bash scripts/n8n/install.sh)`;
	return undefined;
}

/** The package's built node files exist (the Cartona node may not be written yet). */
export function packageNodeMissing(node = 'nodes/Cartona/Cartona.node.ts'): string | undefined {
	const root = path.resolve(__dirname, '..', '..');
	if (!fs.existsSync(path.join(root, node))) return `${node} does not exist yet`;
	return undefined;
}
