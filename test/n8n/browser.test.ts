/**
 * The n8n editor in headless chromium (playwright-core + Debian's /usr/bin/chromium): a workflow
 * with every node of this package opens with no unknown node, and a screenshot is saved under
 * test-output/screenshots/. A workflow with a node of an uninstalled package is the control that
 * shows the check can fail.
 */
import * as fs from 'fs';

import { browserMissing, openEditorSession, openWorkflowInEditor, type EditorSession } from '../harness/browser';
import { startN8n, realN8nMissing, packageNodeMissing, type N8nServer } from '../harness/n8nServer';
import { cartonaGetProductsNode } from '../harness/fixtures';

const missing = realN8nMissing() ?? packageNodeMissing() ?? browserMissing();
if (missing) console.log(`SKIPPED test/n8n/browser.test.ts: ${missing}`);
const describeReal = missing ? describe.skip : describe;

jest.setTimeout(180000);

const ourNodes = () => [
	{ id: 'm', name: 'Run by hand', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	{ ...cartonaGetProductsNode('Get Cartona products'), position: [250, 0] },
	{ id: 'o', name: 'Odoo Cartona', type: 'n8n-nodes-cartona.odooCartona', typeVersion: 1, position: [500, 0], parameters: {} },
	{ id: 't', name: 'Odoo ping', type: 'n8n-nodes-cartona.odooCartonaTrigger', typeVersion: 1, position: [0, 250], webhookId: 'browser-ping', parameters: {} },
];

describeReal('n8n editor in headless chromium', () => {
	let n8n: N8nServer;
	let session: EditorSession;

	beforeAll(async () => {
		n8n = await startN8n();
		const t = Date.now();
		session = await openEditorSession(n8n);
		console.log(`n8n started in ${n8n.timings.startMs} ms; chromium in ${Date.now() - t} ms`);
	});
	afterAll(async () => {
		await session?.close();
		await n8n?.stop();
	});

	it('opens a workflow with every node of the package: none unknown, screenshot saved', async () => {
		const { id } = await n8n.importWorkflow({
			name: 'Harness: all Cartona nodes',
			nodes: ourNodes(),
			connections: { 'Run by hand': { main: [[{ node: 'Get Cartona products', type: 'main', index: 0 }]] }, 'Get Cartona products': { main: [[{ node: 'Odoo Cartona', type: 'main', index: 0 }]] } },
		});
		const check = await openWorkflowInEditor(n8n.baseUrl, id, { session, screenshotName: 'harness-all-cartona-nodes' });
		console.log(`editor: canvas in ${check.canvasMs} ms, checked in ${check.ms} ms; screenshot ${check.screenshot}`);
		expect(check.nodes.map((n) => n.name).sort()).toEqual(['Get Cartona products', 'Odoo Cartona', 'Odoo ping', 'Run by hand']);
		expect(check.unknownNodes).toEqual([]);
		expect(check.unknownTypes).toEqual([]);
		expect(fs.statSync(check.screenshot).size).toBeGreaterThan(10000);
	});

	it('flags a node whose package is not installed (control)', async () => {
		const { id } = await n8n.importWorkflow({
			name: 'Harness: unknown node control',
			nodes: [
				...ourNodes().slice(0, 2),
				{ id: 'g', name: 'Ghost', type: 'n8n-nodes-not-installed.ghost', typeVersion: 1, position: [500, 0], parameters: {} },
			],
			connections: {},
		});
		const check = await openWorkflowInEditor(n8n.baseUrl, id, { session, screenshotName: 'harness-unknown-node-control' });
		console.log(`editor (second page): canvas in ${check.canvasMs} ms, checked in ${check.ms} ms`);
		expect(check.unknownNodes.map((n) => n.name)).toEqual(['Ghost']);
		expect(check.unknownNodes[0].reason).toMatch(/node-not-installed/);
		expect(check.unknownTypes).toEqual(['n8n-nodes-not-installed.ghost']);
	});
});
