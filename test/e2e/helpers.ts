/**
 * Shared pieces of the template e2e tier: loading the shipped templates, making test copies of
 * schedule-only workflows (an extra Webhook trigger, schedules disabled so runs stay
 * deterministic), signing Odoo calls like the addon does, and the credentials for the sandbox.
 */
import { createHmac, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const WORKFLOWS_DIR = path.join(ROOT, 'workflows');

export const TOKEN = 'e2e-cartona-token-7c1d';
export const WEBHOOK_SECRET = 'e2e-webhook-secret-93ab';
export const SMTP_PASSWORD = 'e2e-smtp-password-55fe';
export const SLACK_TOKEN = 'xoxb-e2e-slack-token-0042';

export type Json = { nodes: Array<Record<string, any>>; [key: string]: any };

export function loadTemplate(file: string): Json {
	return JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'));
}

export function templateFiles(): string[] {
	return fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.json')).sort();
}

/**
 * A test copy: same id (so settings.errorWorkflow and Execute Workflow ids still resolve), a
 * Webhook trigger "Test: run now" at `path` wired to Settings, schedule triggers disabled.
 * `responseMode` lastNode makes the call return when the run ends.
 */
export function withWebhookTrigger(template: Json, webhookPath: string, { disableSchedules = true } = {}): Json {
	const copy: Json = JSON.parse(JSON.stringify(template));
	copy.nodes.push({
		id: randomUUID(),
		name: 'Test: run now',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [-500, 600],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'noData', options: {} },
	});
	copy.connections['Test: run now'] = { main: [[{ node: 'Settings', type: 'main', index: 0 }]] };
	if (disableSchedules) {
		for (const n of copy.nodes) if (n.type === 'n8n-nodes-base.scheduleTrigger') n.disabled = true;
	}
	return copy;
}

/** Sets a value of the Settings node (per-install values) in a copy. */
export function withSetting(template: Json, name: string, value: unknown): Json {
	const copy: Json = JSON.parse(JSON.stringify(template));
	const settings: any = copy.nodes.find((n) => n.name === 'Settings');
	const a = settings.parameters.assignments.assignments.find((x: any) => x.name === name);
	if (!a) throw new Error(`Settings has no ${name}`);
	a.value = value;
	return copy;
}

/** Headers of a call signed like the addon signs it (docs/odoo-batch-api.md). */
export function signedHeaders(secret: string, rawBody: string, { timestamp = Math.floor(Date.now() / 1000), nonce = randomUUID().replace(/-/g, '') } = {}) {
	const signature = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${nonce}.`).update(rawBody).digest('hex');
	return {
		'content-type': 'application/json',
		'x-cartona-timestamp': String(timestamp),
		'x-cartona-nonce': nonce,
		'x-cartona-signature': signature,
	};
}

export function cartonaCredential(sandboxUrl: string, token = TOKEN) {
	return { name: 'Cartona account', type: 'cartonaApi', data: { environment: 'custom', url: sandboxUrl, token, internalSupplierCode: '' } };
}

export function odooCredential(odoo: { url: string; db: string; login: string; apiKey?: string; password?: string; protocol?: string }, webhookSecret = WEBHOOK_SECRET) {
	return {
		name: 'Odoo (Cartona) account',
		type: 'odooCartonaApi',
		data: {
			url: odoo.url,
			protocol: odoo.protocol === 'json2' ? 'json2' : 'jsonRpc',
			db: odoo.db,
			username: odoo.login,
			password: odoo.apiKey || odoo.password || '',
			webhookSecret,
		},
	};
}

export function smtpCredential(port: number) {
	return {
		name: 'SMTP account',
		type: 'smtp',
		data: { user: 'n8n-alerts', password: SMTP_PASSWORD, host: '127.0.0.1', port, secure: false, disableStartTls: true },
	};
}

export function slackCredential() {
	return { name: 'Slack account', type: 'slackApi', data: { accessToken: SLACK_TOKEN } };
}

export function skipReason(...reasons: Array<string | undefined>): string | undefined {
	return reasons.find((r) => r !== undefined);
}

export async function waitUntil<T>(fn: () => Promise<T | undefined | false>, { timeoutMs = 30000, intervalMs = 200, what = 'condition' } = {}): Promise<T> {
	const end = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < end) {
		try {
			const v = await fn();
			if (v) return v as T;
		} catch (e) {
			last = e;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** The error of the newest execution of a workflow (diagnostics for a failing assertion). */
export async function lastError(n8n: { executions: (f: any) => Promise<any[]>; execution: (id: string) => Promise<any> }, workflowId: string): Promise<string> {
	const [last] = await n8n.executions({ workflowId, limit: 1 });
	if (!last) return 'no execution';
	const e = await n8n.execution(last.id);
	const runData = e.data?.resultData?.runData ?? {};
	const nodes = Object.entries(runData).map(([name, runs]: [string, any]) => `${name}: ${JSON.stringify(runs[0]?.data?.main?.map((o: any) => o?.length ?? 0))} ${runs[0]?.error?.message ?? ''}`);
	return `${e.status} ${JSON.stringify(e.data?.resultData?.error?.message ?? null)} nodes: ${nodes.join('; ')}`;
}

