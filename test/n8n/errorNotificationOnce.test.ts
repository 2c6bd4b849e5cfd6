/**
 * One alert per failed execution, in a real n8n 2.41.1 server killed and restarted: n8n's crash
 * recovery marks an execution killed mid-run as crashed at the next start and runs the error
 * workflow for it, and again at every later start (its event log keeps the execution unfinished;
 * the fault suite saw execution 8 mailed at two restarts). The shipped error notification template
 * must mail once per failed execution id, and again for a new failure of the same workflow.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { freePort, packageNodeMissing, realN8nMissing, startN8n, type N8nServer } from '../harness/n8nServer';
import { startSmtpServer, type SmtpServer } from '../harness/smtpServer';
import { loadTemplate, slackCredential, smtpCredential, withSetting } from '../e2e/helpers';

const missing = realN8nMissing() ?? packageNodeMissing();
if (missing) console.log(`SKIPPED test/n8n/errorNotificationOnce.test.ts: ${missing}`);
const describeReal = missing ? describe.skip : describe;

jest.setTimeout(900_000);

const ERROR_WF = 'cartonaErrorNtfy';
const SLEEPER = 'alertOnceSleep01';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A published webhook workflow that waits 60 s (in-process), so n8n can be killed while it runs. */
function sleeper() {
	return {
		id: SLEEPER,
		name: 'Harness: killed while running',
		nodes: [
			{ id: 's1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'alert-once', parameters: { httpMethod: 'POST', path: 'alert-once', responseMode: 'onReceived', options: {} } },
			{ id: 's2', name: 'Wait a minute', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [220, 0], webhookId: 'alert-once-wait', parameters: { resume: 'timeInterval', amount: 60, unit: 'seconds' } },
		],
		connections: { Webhook: { main: [[{ node: 'Wait a minute', type: 'main', index: 0 }]] } },
		settings: { errorWorkflow: ERROR_WF, executionOrder: 'v1' },
	};
}

describeReal('error notification: one alert per failed execution across n8n restarts (real n8n)', () => {
	let n8n: N8nServer;
	let smtp: SmtpServer;
	let userFolder: string;
	let port: number;

	beforeAll(async () => {
		smtp = await startSmtpServer();
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cartona-alert-once-'));
		port = await freePort();
		n8n = await startN8n({
			port,
			userFolder,
			credentials: [smtpCredential(smtp.port), slackCredential()],
			workflows: [withSetting(loadTemplate('error-notification.json'), 'emailTo', 'ops@example.com'), sleeper()],
		});
		await n8n.activate(ERROR_WF);
		await n8n.activate(SLEEPER);
	});

	afterAll(async () => {
		await n8n?.stop({ keepUserFolder: true }).catch(() => undefined);
		await smtp?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	async function kill() {
		try {
			process.kill(-n8n.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
		const end = Date.now() + 30_000;
		while (!n8n.exited() && Date.now() < end) await sleep(100);
	}

	/** Starts the sleeper, kills n8n while it runs, and returns the killed execution's id. */
	async function killMidExecution(): Promise<string> {
		const before = new Set((await n8n.executions({ workflowId: SLEEPER })).map((e) => e.id));
		const res = await n8n.webhook('alert-once', { body: {} });
		expect(res.status).toBe(200);
		// waitForExecution waits for finished ones: poll the list for the new, still running one.
		const end = Date.now() + 60_000;
		for (;;) {
			const running = (await n8n.executions({ workflowId: SLEEPER })).find((e) => !before.has(e.id) && e.status === 'running');
			if (running) {
				await sleep(1000); // inside the Wait node
				await kill();
				return running.id;
			}
			if (Date.now() > end) throw new Error('the sleeper did not start running within 60 s');
			await sleep(250);
		}
	}

	/** Restarts n8n on the same folder and waits until the error workflow has run `runs` times in all. */
	async function restartAndWaitErrorRuns(runs: number) {
		n8n = await startN8n({ port, userFolder, withPackage: false });
		const end = Date.now() + 180_000;
		for (;;) {
			const done = (await n8n.executions({ workflowId: ERROR_WF })).filter((e) => !['running', 'new', 'waiting'].includes(e.status));
			if (done.length >= runs) return done;
			if (Date.now() > end) throw new Error(`the error workflow ran ${done.length} times, expected ${runs}`);
			await sleep(1000);
		}
	}

	const mailsFor = (id: string) => smtp.messages.filter((m) => m.text.includes(`Execution: ${id} `));

	test('a crashed execution reported at two restarts is mailed once; a new crash of the same workflow is mailed', async () => {
		const first = await killMidExecution();
		await restartAndWaitErrorRuns(1);
		expect((await n8n.execution(first)).status).toBe('crashed');
		await smtp.waitForMessage((m) => m.text.includes(`Execution: ${first} `), 30_000);
		expect(mailsFor(first)).toHaveLength(1);

		// Second restart: n8n reports the same crashed execution again (the error workflow runs a
		// second time, which is what made two alerts), and this time nothing is sent.
		await kill();
		const runs = await restartAndWaitErrorRuns(2);
		const again = await n8n.execution(runs.map((e) => e.id).sort((a, b) => Number(b) - Number(a))[0]);
		expect(again.status).toBe('success');
		const ran = Object.keys(again.data.resultData.runData);
		expect(ran).toContain('Alert each failed execution once');
		expect(ran).not.toContain('Email the alert');
		expect(ran).not.toContain('Post the alert to Slack');
		await sleep(3000);
		expect(mailsFor(first)).toHaveLength(1);

		// A genuine new failure of the same workflow: a new execution id, a new alert.
		const second = await killMidExecution();
		expect(second).not.toBe(first);
		await restartAndWaitErrorRuns(3);
		await smtp.waitForMessage((m) => m.text.includes(`Execution: ${second} `), 60_000);
		await sleep(3000);
		expect(mailsFor(second)).toHaveLength(1);
		expect(mailsFor(first)).toHaveLength(1);
		console.log(`alert mails: ${smtp.messages.map((m) => m.subject).join(' | ')}`);
	});
});
