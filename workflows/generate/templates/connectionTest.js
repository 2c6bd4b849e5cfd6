'use strict';
const { IDS, SETTING, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { settings, setFields, sticky, cartona, ifNode, succeeded, workflow, odooTrigger } = require('../shared/nodes');

/** 9. Connection test: the webhook the addon's Test Connection button calls. */
function connectionTest() {
	// The trigger answers with the JSON of the last node (Respond: When Last Node Finishes); exactly
	// one of the three answer nodes runs.
	const answer = (name, fields, at) => setFields(name, fields, at, { idPrefix: 'answer-' });
	const nodes = [
		sticky(
			setupNote('Cartona: connection test', [
				CREDENTIAL_STEPS.cartona,
				CREDENTIAL_STEPS.odoo + ' Only the webhook secret is used here.',
				'In **Settings** set `answerTimeoutSeconds` (how long Cartona may take before the answer is "unreachable"; Odoo waits for this call).',
				'Activate this workflow. In Odoo, set the marketplace config API endpoint to this n8n base URL and click **Test Connection**: Odoo signs the call, this workflow checks the Cartona token and answers `{ok, cartona, message}`.',
				ERROR_WIRING,
			]) + '\nAn unsigned or forged call is refused (401) by the trigger before anything runs.',
			[-560, -400],
			480,
			460,
		),
		odooTrigger('When Odoo tests the connection', 'connectionTest', [-260, 100], { responseMode: 'lastNode' }),
		settings({ answerTimeoutSeconds: 5 }, [-20, 100]),
		cartona('Check the Cartona token', 'product', 'getAll', { returnAll: false, limit: 1, options: { maxRetries: 1, maxRetryWaitSeconds: SETTING('answerTimeoutSeconds') } }, [200, 100], {
			onError: 'continueRegularOutput',
		}),
		succeeded('Did Cartona accept the token?', [330, 100]),
		answer('Answer Odoo: connected', [['ok', true, 'boolean'], ['cartona', 'ok'], ['message', 'Cartona accepted the token']], [660, 0]),
		ifNode('Did Cartona reject the token?', [['={{ [400, 401, 403].includes(Number($json.statusCode)) }}', 'boolean', 'true']], [460, 200]),
		answer(
			'Answer Odoo: Cartona rejected the token',
			[['ok', false, 'boolean'], ['cartona', 'rejected'], ['message', '=Cartona rejected the token (HTTP {{ $json.statusCode }})']],
			[660, 140],
		),
		answer(
			'Answer Odoo: Cartona unreachable',
			[['ok', false, 'boolean'], ['cartona', 'unreachable'], ['message', '=Cartona could not be reached: {{ String($json.error || "no answer").slice(0, 200) }}']],
			[660, 300],
		),
	];
	return workflow(9, IDS.connTest, 'Cartona: connection test', nodes, [
		['When Odoo tests the connection', 'Settings'],
		['Settings', 'Check the Cartona token'],
		['Check the Cartona token', 'Did Cartona accept the token?'],
		['Did Cartona accept the token?', 'Answer Odoo: connected', 0],
		['Did Cartona accept the token?', 'Did Cartona reject the token?', 1],
		['Did Cartona reject the token?', 'Answer Odoo: Cartona rejected the token', 0],
		['Did Cartona reject the token?', 'Answer Odoo: Cartona unreachable', 1],
	]);
}

module.exports = { connectionTest };
