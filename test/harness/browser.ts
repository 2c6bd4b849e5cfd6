/// <reference lib="dom" />
/**
 * The n8n editor in a real browser: playwright-core drives Debian's chromium (headless) against a
 * running n8n (test/harness/n8nServer.ts). `openWorkflowInEditor` opens one workflow, waits for the
 * canvas, reports every node n8n could not resolve and saves a screenshot; the templates test
 * calls it for every template.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import type { N8nServer } from './n8nServer';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'screenshots');
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];
/** The browser id the harness's REST session was bound to (n8n ties the auth cookie to it). */
const BROWSER_ID = 'cartona-harness';

/** Why the browser test cannot run, or undefined. */
export function browserMissing(): string | undefined {
	if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install -y chromium)`;
	try {
		require.resolve('playwright-core');
	} catch {
		return 'playwright-core is not installed';
	}
	return undefined;
}

export interface EditorSession {
	browser: Browser;
	context: BrowserContext;
	userDataDir: string;
	close(): Promise<void>;
}

/** Starts chromium with a new empty profile and the n8n owner's session cookie. */
export async function openEditorSession(n8n: Pick<N8nServer, 'baseUrl' | 'authCookie'>): Promise<EditorSession> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { chromium } = require('playwright-core') as typeof import('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-chromium-'));
	// launchPersistentContext gives the fresh user-data-dir; playwright adds --headless itself.
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: 1600, height: 900 },
	});
	const cookie = n8n.authCookie().replace(/^n8n-auth=/, '');
	const url = new URL(n8n.baseUrl);
	await context.addCookies([{ name: 'n8n-auth', value: cookie, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
	await context.addInitScript((id: string) => {
		window.localStorage.setItem('n8n-browserId', id);
	}, BROWSER_ID);
	return {
		browser: context.browser() as Browser,
		context,
		userDataDir,
		async close() {
			await context.close();
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

export interface EditorCheck {
	workflowId: string;
	/** The nodes drawn on the canvas. */
	nodes: Array<{ name: string; type: string }>;
	/** Nodes n8n shows as unknown / not installed (with what gave them away). */
	unknownNodes: Array<{ name: string; type: string; reason: string }>;
	/** Node types the editor's node-type store does not know (asked from the page itself). */
	unknownTypes: string[];
	screenshot: string;
	/** Errors the page logged to its console while open. */
	consoleErrors: string[];
	/** Until the first node was on the canvas. */
	canvasMs: number;
	ms: number;
}

/**
 * Opens a workflow in the editor and checks that every node type is known.
 * Markers of an unknown node in n8n 2.41.1's canvas (measured with a node of a package that is not
 * installed): `[data-test-id="node-not-installed"]` on the node, a "?" icon placeholder instead of
 * its icon; and the editor's server does not return its type from POST /rest/node-types (400 "Unrecognized node type"). All are
 * checked; canvas nodes carry data-node-name and data-node-type.
 */
export async function openWorkflowInEditor(
	baseUrl: string,
	workflowId: string,
	{ session, screenshotName, timeoutMs = 60000 }: { session: EditorSession; screenshotName?: string; timeoutMs?: number },
): Promise<EditorCheck> {
	const started = Date.now();
	const page: Page = await session.context.newPage();
	const consoleErrors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(m.text());
	});
	try {
		await page.goto(new URL(`workflow/${encodeURIComponent(workflowId)}`, baseUrl).toString(), { waitUntil: 'domcontentloaded', timeout: timeoutMs });
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: timeoutMs });
		const canvasMs = Date.now() - started;
		// Icons and status marks render once node types are in; wait until every node has an icon
		// (its own or the "?" placeholder), then a short settle for the status marks.
		await page.waitForFunction(
			() =>
				Array.from(document.querySelectorAll('[data-test-id="canvas-node"]')).every((el) =>
					el.querySelector('.n8n-node-icon img, .n8n-node-icon svg, [class*="nodeIconPlaceholder"]'),
				),
			undefined,
			{ timeout: timeoutMs },
		);
		await page.waitForTimeout(300);

		const found = await page.evaluate(() => {
			const nodes = Array.from(document.querySelectorAll('[data-test-id="canvas-node"]'));
			return nodes.map((el) => {
				const name = el.getAttribute('data-node-name') || '';
				const type = el.getAttribute('data-node-type') || '';
				const reasons: string[] = [];
				// Measured on 2.41.1 with a node of an uninstalled package: a status mark
				// data-test-id="node-not-installed" (hard-drive-download icon), the icon placeholder "?"
				// instead of the node's icon, and no input/output handles.
				if (el.querySelector('[data-test-id="node-not-installed"]')) reasons.push('node-not-installed mark');
				const placeholder = el.querySelector('[class*="nodeIconPlaceholder"]');
				if (placeholder && placeholder.textContent?.trim() === '?') reasons.push('"?" icon');
				if (/is unknown|Install this node|not currently installed/i.test(el.textContent || '')) reasons.push('unknown-type text');
				return { name, type, reasons };
			});
		});

		const file = path.join(SCREENSHOT_DIR, `${(screenshotName || workflowId).replace(/[^\w.-]+/g, '_')}.png`);
		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		await page.screenshot({ path: file, fullPage: false });

		// Node types: ask the editor's own server which of this workflow's types it knows.
		const unknownTypes: string[] = await page.evaluate(
			async ({ id }) => {
				const headers = { 'browser-id': window.localStorage.getItem('n8n-browserId') || '' };
				const wf = await (await fetch(`/rest/workflows/${id}`, { headers })).json();
				const nodes: Array<{ type: string; typeVersion: number }> = wf.data.nodes;
				// One type per request: n8n answers 400 "Unrecognized node type" for the whole batch
				// when one type is unknown (and names come back without their package prefix).
				const unknown: string[] = [];
				const seen = new Set<string>();
				for (const n of nodes) {
					const key = `${n.type}@${n.typeVersion}`;
					if (seen.has(key)) continue;
					seen.add(key);
					const res = await fetch('/rest/node-types', {
						method: 'POST',
						headers: { ...headers, 'content-type': 'application/json' },
						body: JSON.stringify({ nodeInfos: [{ name: n.type, version: n.typeVersion }] }),
					});
					const body = res.ok ? await res.json() : undefined;
					const shortName = n.type.slice(n.type.lastIndexOf('.') + 1);
					if (!body || !Array.isArray(body.data) || body.data[0]?.name !== shortName) unknown.push(n.type);
				}
				return Array.from(new Set(unknown));
			},
			{ id: workflowId },
		);

		return {
			workflowId,
			nodes: found.map((f) => ({ name: f.name, type: f.type })),
			unknownNodes: found.filter((f) => f.reasons.length).map((f) => ({ name: f.name, type: f.type, reason: f.reasons.join(', ') })),
			consoleErrors,
			unknownTypes,
			screenshot: file,
			canvasMs,
			ms: Date.now() - started,
		};
	} finally {
		await page.close();
	}
}
