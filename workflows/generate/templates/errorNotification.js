'use strict';
const { IDS, SETTING, setupNote } = require('../shared/constants');
const { node, setFields, settings, sticky, workflow } = require('../shared/nodes');

/** 8. Error notification: Error Trigger -> Slack + email, never a secret. */
function errorNotification() {
	// n8n's Error Trigger item: { execution: { id, url, lastNodeExecuted, error }, workflow: { id, name } }
	// (a failed trigger has no `execution`). Three small Set nodes, one short expression per field.
	const read = setFields(
		'Read the failed execution',
		[
			['workflow', '={{ $json.workflow || {} }}', 'object'],
			['execution', '={{ $json.execution || {} }}', 'object'],
			['failure', '={{ ($json.execution || {}).error || {} }}', 'object'],
		],
		[200, 100],
		{ idPrefix: 'read-' },
	);
	// One alert per failed execution: n8n 2.41 re-reports a crashed execution on every later start
	// (its crash recovery keeps no record that it ran the error workflow). The key is the workflow
	// and the failed execution; a manual test run ($execution.mode is 'test') or a failed trigger
	// (no execution id) is keyed on this run, so it always alerts. The keys are kept in n8n's
	// database (processed_data, per workflow and node), so a restart or another worker sees them:
	// 10,000 keys, oldest dropped first. With a full store the node refuses to run (n8n 2.41 checks
	// stored + new > size before it drops the oldest); its error output still goes on to the alert
	// (seen in-process without a store: the item keeps only the node's error, so the alert is bare,
	// but it is sent). The error output takes the place of the node's "Discarded" list: repeats
	// go nowhere.
	const dedupe = node(
		'Alert each failed execution once',
		'n8n-nodes-base.removeDuplicates',
		2,
		{
			operation: 'removeItemsSeenInPreviousExecutions',
			logic: 'removeItemsWithAlreadySeenKeyValues',
			dedupeValue: "={{ $execution.mode != 'test' && $json.execution.id ? $json.workflow.id + ' ' + $json.execution.id : $execution.id }}",
			options: { scope: 'node', historySize: 10000 },
		},
		[420, 100],
		{ onError: 'continueErrorOutput' },
	);
	const lines = setFields(
		'Write the alert lines',
		[
			['head', "=Cartona integration alert\nWorkflow: {{ $json.workflow.name || 'unknown workflow' }} ({{ $json.workflow.id || '' }})"],
			['nodeLine', "=Node: {{ $json.execution.lastNodeExecuted || ($json.failure.node || {}).name || 'unknown node' }}"],
			['itemLine', "=Item: {{ 'itemIndex' in ($json.failure.context || {}) ? 'item ' + $json.failure.context.itemIndex : 'n/a' }}"],
			['error', "={{ $json.failure.message || 'unknown error' }}{{ $json.failure.description ? ` (${$json.failure.description})` : '' }}"],
			['runLine', "=Execution: {{ $json.execution.id || '' }} {{ $json.execution.url || '' }}"],
			['subject', "=[Cartona] {{ $json.workflow.name || 'A workflow' }} failed at {{ $json.execution.lastNodeExecuted || 'unknown node' }}"],
		],
		[640, 100],
		{ idPrefix: 'line-' },
	);
	// Node errors come redacted from the Cartona and OdooCartona nodes; this last guard catches a
	// key=value secret, a bearer token or a long token-like run from anywhere else. No stack, no payload.
	const compose = node(
		'Compose the alert (no secrets)',
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: [
					{
						id: 'guard-1',
						name: 'error',
						value: "={{ $json.error.replace(/(\\wtoken|key|secret|pass\\w*|otp)[:=]\\W*\\S+|bearer\\s+\\S+|(?=\\S*\\d)\\w{20,}/gi, '[redacted]') }}",
						type: 'string',
					},
				],
			},
			includeOtherFields: true,
			include: 'except',
			excludeFields: 'workflow,execution,failure',
			options: {},
		},
		[860, 100],
	);
	const text = '={{ $json.head }}\n{{ $json.nodeLine }}\n{{ $json.itemLine }}\nError: {{ $json.error }}\n{{ $json.runLine }}';
	const nodes = [
		sticky(
			setupNote('Cartona: error notification', [
				'Create the **Slack account** credential (Slack API, a bot token with chat:write) and invite the bot to the channel.',
				'Create the **SMTP account** credential (your mail server).',
				'In **Settings** set `slackChannel`, `emailTo` and `emailFrom`.',
				'Activate (publish) this workflow: n8n 2.x runs an error workflow only when it is published. Every other Cartona template names it as its error workflow: settings.errorWorkflow = `cartonaErrorNtfy`, the id this file carries. `n8n import:workflow` keeps the id; after importing through the editor, open each Cartona workflow > Settings > Error workflow and pick "Cartona: Error notification".',
			]) +
				'\nThe alert names the workflow, the node, the item and the error, with a link to the execution. The Cartona and Odoo (Cartona) nodes redact tokens, keys, passwords and OTPs from their errors; the alert replaces anything else that looks like one by [redacted] and includes no payload or stack. Slack and email are independent: one failing does not stop the other. Each failed execution is alerted once, even when n8n reports it again (after a crash n8n re-reports the execution on every restart); a new failure has a new execution id and alerts. A manual test run always alerts.',
			[-560, -400],
			480,
			500,
		),
		node('On any Cartona workflow error', 'n8n-nodes-base.errorTrigger', 1, {}, [-260, 100]),
		settings({ slackChannel: '#cartona-alerts', emailTo: 'alerts@example.com', emailFrom: 'n8n@example.com' }, [-20, 100], { includeOtherFields: true }),
		read,
		dedupe,
		lines,
		compose,
		node(
			'Email the alert',
			'n8n-nodes-base.emailSend',
			2.1,
			{ fromEmail: SETTING('emailFrom'), toEmail: SETTING('emailTo'), subject: '={{ $json.subject }}', emailFormat: 'text', text, options: { appendAttribution: false } },
			[1100, 0],
			{ credentials: { smtp: { id: '', name: 'SMTP account' } }, onError: 'continueRegularOutput' },
		),
		node(
			'Post the alert to Slack',
			'n8n-nodes-base.slack',
			2.3,
			{
				select: 'channel',
				channelId: { __rl: true, value: SETTING('slackChannel'), mode: 'name' },
				text,
				otherOptions: { includeLinkToWorkflow: false },
			},
			[1100, 200],
			{ credentials: { slackApi: { id: '', name: 'Slack account' } }, onError: 'continueRegularOutput' },
		),
	];
	return workflow(
		8,
		IDS.error,
		'Cartona: error notification',
		nodes,
		[
			['On any Cartona workflow error', 'Settings'],
			['Settings', 'Read the failed execution'],
			['Read the failed execution', 'Alert each failed execution once'],
			['Alert each failed execution once', 'Write the alert lines'],
			['Alert each failed execution once', 'Write the alert lines', 1],
			['Write the alert lines', 'Compose the alert (no secrets)'],
			['Compose the alert (no secrets)', 'Email the alert'],
			['Compose the alert (no secrets)', 'Post the alert to Slack'],
		],
		{ errorWorkflow: false },
	);
}

module.exports = { errorNotification };
