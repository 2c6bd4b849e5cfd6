'use strict';
/** What every template shares: ids, credential names, node versions, setup-note wording. */

const ERROR_WORKFLOW_ID = 'cartonaErrorNtfy';
const IDS = {
	orderPull: 'cartonaOrderPull',
	statusPush: 'cartonaStatusPsh',
	detailsPush: 'cartonaDetailPsh',
	stockPush: 'cartonaStockPush',
	pricePush: 'cartonaPricePush',
	matching: 'cartonaMatchMigr',
	reconcile: 'cartonaReconcile',
	error: ERROR_WORKFLOW_ID,
	connTest: 'cartonaConnTest1',
	pingRouter: 'cartonaPingRoute',
};

const CARTONA = { cartonaApi: { id: '', name: 'Cartona account' } };
const ODOO = { odooCartonaApi: { id: '', name: 'Odoo (Cartona) account' } };
const VERSION = { cartona: 1, odooCartona: 1, odooCartonaTrigger: 1 };

const SETTING = (key) => `={{ $('Settings').first().json.${key} }}`;
const CONFIG_ID = SETTING('configId');

const ERROR_WIRING =
	'**Error workflow**: Workflow settings > Error workflow is "Cartona: Error notification" (id `cartonaErrorNtfy`). ' +
	'`n8n import:workflow` keeps that id; if you imported through the editor (new ids), pick "Cartona: Error notification" there again.';

const CREDENTIAL_STEPS = {
	cartona: 'Create the **Cartona account** credential (Cartona API: environment, token, and the Default Internal Supplier Code when one token serves several accounts: 1 retail, 2 wholesale, 3 wholesale to wholesale). The supplier code lives there, not in Settings: a per-item expression costs about 0.7 ms per item, 7 s on a 10,000-product push.',
	odoo: 'Create the **Odoo (Cartona) account** credential (Odoo URL, protocol, database, integration user, API key, webhook secret = Auth Token of the Odoo marketplace config).',
};

function setupNote(title, lines) {
	return `## ${title}\n### Setup\n${lines.map((l, i) => `${i + 1}. ${l}`).join('\n')}\n`;
}

// ------------------------------------------------------------------ templates

module.exports = { ERROR_WORKFLOW_ID, IDS, CARTONA, ODOO, VERSION, SETTING, CONFIG_ID, ERROR_WIRING, CREDENTIAL_STEPS, setupNote };
