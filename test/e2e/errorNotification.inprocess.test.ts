/**
 * The shipped error notification template in n8n's own engine (n8n-core, in-process): Slack's API
 * is not reachable here, so slack.com is answered by nock; the e-mail goes to the loopback SMTP
 * server. The failure fed to the Error Trigger carries secrets in its message, as a careless
 * upstream error might: neither the Slack message nor the e-mail may contain them.
 */
import nock from 'nock';

import { engine, inProcessMissing, runWorkflow } from '../harness/inProcess';
import { startSmtpServer, type SmtpServer } from '../harness/smtpServer';
import { loadTemplate, withSetting } from './helpers';

const missing = inProcessMissing();
if (missing) console.warn(`SKIPPED: in-process error notification test: ${missing}`);
const describeIt = missing ? describe.skip : describe;

jest.setTimeout(120_000);

const SECRET_TOKEN = 'c4rt0naT0kenS3cret9911';
const OTP = '482913';

/** What n8n's Error Trigger emits for a failed execution (shape of n8n 2.x's error workflow data). */
function errorTriggerItem(id = '231') {
	return {
		execution: {
			id,
			url: `http://127.0.0.1:5678/workflow/cartonaStatusPsh/executions/${id}`,
			retryOf: null,
			error: {
				name: 'NodeApiError',
				message: `Cartona refused: 422 invalid retailer_otp=${OTP} (request headers AuthorizationToken: ${SECRET_TOKEN})`,
				description: `Authorization: Bearer ${SECRET_TOKEN} password=hunter2-secret`,
				context: { itemIndex: 3 },
				stack: `NodeApiError at ... token=${SECRET_TOKEN}`,
				node: { name: 'Deliver order with the retailer OTP' },
			},
			lastNodeExecuted: 'Deliver order with the retailer OTP',
			mode: 'trigger',
		},
		workflow: { id: 'cartonaStatusPsh', name: 'Cartona: order status push' },
	};
}

describeIt('error notification template (in-process engine)', () => {
	let smtp: SmtpServer;

	beforeAll(async () => {
		smtp = await startSmtpServer();
		await engine();
	});

	afterAll(async () => {
		nock.cleanAll();
		nock.enableNetConnect();
		await smtp?.close();
	});

	test('posts to Slack and e-mails the workflow, node, item and error, with secrets redacted', async () => {
		nock.disableNetConnect();
		nock.enableNetConnect(/127\.0\.0\.1/);
		const posted: any[] = [];
		const scope = nock('https://slack.com')
			.post('/api/chat.postMessage', (body) => {
				posted.push(body);
				return true;
			})
			.matchHeader('authorization', 'Bearer xoxb-in-process')
			.reply(200, { ok: true, channel: 'C0CARTONA', ts: '1.2', message: { text: 'alert' } });

		const template = withSetting(loadTemplate('error-notification.json'), 'emailTo', 'ops@example.com');
		const r = await runWorkflow(template as any, {
			credentials: {
				slackApi: { accessToken: 'xoxb-in-process' },
				smtp: { user: 'alerts', password: 'smtp-in-process-pw', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true },
			},
			triggerItems: [errorTriggerItem()],
		});
		expect(r.error).toBeUndefined();
		expect(r.order).toEqual(expect.arrayContaining(['Compose the alert (no secrets)', 'Email the alert', 'Post the alert to Slack']));

		// Slack
		expect(scope.isDone()).toBe(true);
		expect(posted).toHaveLength(1);
		expect(posted[0].channel).toBe('#cartona-alerts');
		const slackText: string = posted[0].text;
		expect(slackText).toContain('Workflow: Cartona: order status push (cartonaStatusPsh)');
		expect(slackText).toContain('Node: Deliver order with the retailer OTP');
		expect(slackText).toContain('Item: item 3');
		expect(slackText).toContain('Error: Cartona refused: 422');
		expect(slackText).toContain('Execution: 231');

		// E-mail
		const mail = await smtp.waitForMessage(undefined, 10_000);
		expect(mail.to).toEqual(['ops@example.com']);
		expect(mail.subject).toBe('[Cartona] Cartona: order status push failed at Deliver order with the retailer OTP');
		expect(mail.text).toContain('Node: Deliver order with the retailer OTP');
		expect(mail.text).toContain('Item: item 3');

		for (const text of [slackText, mail.raw, mail.text]) {
			expect(text).not.toContain(SECRET_TOKEN);
			expect(text).not.toContain(OTP);
			expect(text).not.toContain('hunter2');
			expect(text).not.toContain('NodeApiError at'); // no stack
			expect(text).toContain('[redacted]');
		}
	});

	test('the e-mail still goes out when Slack fails', async () => {
		nock.cleanAll();
		nock.disableNetConnect();
		nock.enableNetConnect(/127\.0\.0\.1/);
		const scope = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
		const seen = smtp.messages.length;
		const r = await runWorkflow(loadTemplate('error-notification.json') as any, {
			credentials: {
				slackApi: { accessToken: 'xoxb-in-process' },
				smtp: { user: 'alerts', password: 'smtp-in-process-pw', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true },
			},
			triggerItems: [errorTriggerItem('232')],
		});
		expect(r.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const mail = await smtp.waitForMessage((m) => smtp.messages.indexOf(m) >= seen, 10_000);
		expect(mail.subject).toContain('Cartona: order status push');
		const slackOut = r.output['Post the alert to Slack']?.[0]?.json as any;
		expect(JSON.stringify(slackOut)).toMatch(/channel_not_found|error/);
	});

	const creds = () => ({
		slackApi: { accessToken: 'xoxb-in-process' },
		smtp: { user: 'alerts', password: 'smtp-in-process-pw', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true },
	});

	test('the same failed execution reported again sends nothing; a manual test run always alerts', async () => {
		nock.cleanAll();
		nock.disableNetConnect();
		nock.enableNetConnect(/127\.0\.0\.1/);
		const posts: any[] = [];
		nock('https://slack.com')
			.persist()
			.post('/api/chat.postMessage', (body) => posts.push(body) > 0)
			.reply(200, { ok: true, channel: 'C0CARTONA', ts: '1.3', message: { text: 'alert' } });
		const template = loadTemplate('error-notification.json') as any;
		const seen = smtp.messages.length;
		// 231 was alerted by the first test: n8n reporting it again (a restart after a crash) is dropped.
		const again = await runWorkflow(template, { credentials: creds(), triggerItems: [errorTriggerItem('231')] });
		expect(again.error).toBeUndefined();
		expect(again.order).toContain('Alert each failed execution once');
		expect(again.order).not.toContain('Email the alert');
		expect(again.order).not.toContain('Post the alert to Slack');
		// A new failure of the same workflow alerts.
		const fresh = await runWorkflow(template, { credentials: creds(), triggerItems: [errorTriggerItem('233')] });
		expect(fresh.order).toEqual(expect.arrayContaining(['Email the alert', 'Post the alert to Slack']));
		// Testing the error workflow by hand twice with the same sample: both runs alert.
		for (let i = 0; i < 2; i++) {
			const manual = await runWorkflow(template, { credentials: creds(), mode: 'manual', executionId: `manual-${i}`, triggerItems: [errorTriggerItem('231')] });
			expect(manual.order).toEqual(expect.arrayContaining(['Email the alert', 'Post the alert to Slack']));
		}
		await smtp.waitForMessage(() => smtp.messages.length - seen >= 3, 10_000);
		const mails = smtp.messages.slice(seen);
		expect(mails.map((m) => (m.text.match(/Execution: (\d+)/) || [])[1])).toEqual(['233', '231', '231']);
		expect(posts).toHaveLength(3);
	});
});
