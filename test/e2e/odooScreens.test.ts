/// <reference lib="dom" />
/**
 * The addon's screens in a real browser (playwright-core driving Debian's chromium, as the n8n
 * editor checks do), on a real Odoo 17.0 and 19.0 with a real n8n answering the connection test:
 * the configuration form (Test Connection pressed), the Cartona overview, a Cartona sale order,
 * Physical Inventory and a product form, in English and in Arabic (right to left). Each screen
 * must show its fields; screenshots go to test-output/screenshots/odoo-<series>-<screen>-<lang>.png
 * (docs/screenshots/ holds a few of them for the README).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

import { startSandbox } from '../../sandbox/server';
import { browserMissing, CHROMIUM, SCREENSHOT_DIR } from '../harness/browser';
import { freePort, packageNodeMissing, realN8nMissing, startN8n, type N8nServer } from '../harness/n8nServer';
import { credentialsOf, orm as odooOrm, storableProductValues, type OdooTestEnvironment } from '../odoo/odooEnvironment';
import { cartonaCredential, loadTemplate, odooCredential, skipReason, TOKEN, WEBHOOK_SECRET } from './helpers';
import { odooMissing, odooRequired, odooTestEnvSeries, startOdoo, type StartedOdoo } from './odoo';

const SERIES = ['17.0', '19.0'];
const baseSkip = skipReason(realN8nMissing(), packageNodeMissing(), browserMissing());
const running = odooTestEnvSeries();

jest.setTimeout(600_000);

/** The web client URL of an action (17.0: /web#action=..., 18.0+: /odoo/action-...). */
function actionUrl(series: string, base: string, xmlid: string, id?: number) {
	if (Number.parseFloat(series) >= 18) return `${base}/odoo/action-${xmlid}${id ? `/${id}` : ''}`;
	return `${base}/web#action=${xmlid}${id ? `&id=${id}&view_type=form` : ''}`;
}

function screens(series: string) {
	const title = `addon screens in chromium: real Odoo ${series} + real n8n`;
	const odooSkip = odooMissing(series);
	if (odooSkip && odooRequired(series) && running === undefined) {
		describe(title, () => test(`Odoo ${series} is required but cannot run`, () => {
			throw new Error(`ODOO_REQUIRED_SERIES lists ${series}: ${odooSkip}`);
		}));
		return;
	}
	const skip = baseSkip ?? odooSkip;
	if (skip) {
		console.warn(`SKIPPED: Odoo screens in a browser on ${series}: ${skip}`);
		describe.skip(title, () => test('skipped', () => undefined));
		return;
	}
	describe(title, () => {
		let sandbox: Awaited<ReturnType<typeof startSandbox>>;
		let n8n: N8nServer;
		let odoo: StartedOdoo;
		let browser: Browser;
		let page: Page;
		let saleOrderId: number;
		let templateId: number;
		// unique per run: a reused database (ODOO_TEST_ENV) keeps the fixtures of an earlier run
		const cartonaId = `SCR-${Date.now().toString(36).toUpperCase()}`;
		const orm = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) => odooOrm(odoo.admin, model, method, args, kwargs as any);
		const write = (model: string, ids: number[], vals: Record<string, unknown>) =>
			credentialsOf(odoo.admin).protocol === 'json2' ? orm(model, 'write', [ids], { vals }) : orm(model, 'write', [ids, vals]);

		async function shot(name: string, lang: string) {
			const file = path.join(SCREENSHOT_DIR, `odoo-${series.split('.')[0]}-${name}-${lang}.png`);
			fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
			await page.waitForTimeout(400);
			await page.screenshot({ path: file });
			expect(fs.statSync(file).size).toBeGreaterThan(5000);
			return file;
		}
		async function open(xmlid: string, id?: number) {
			await page.goto(actionUrl(series, odoo.env.url, xmlid, id), { waitUntil: 'domcontentloaded' });
			await page.waitForSelector('.o_action_manager .o_view_controller', { timeout: 60_000 });
		}
		const visible = (selector: string) => page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });

		beforeAll(async () => {
			const port = await freePort();
			sandbox = await startSandbox({ port: 0, token: TOKEN, seed: { products: 3, orders: 0 } });
			odoo = await startOdoo(series, `http://127.0.0.1:${port}`);
			const env: OdooTestEnvironment & { sharedSecret?: string } = odoo.env;
			const secret = env.sharedSecret || WEBHOOK_SECRET;
			await write('marketplace.supplier.config', [env.configId], { api_endpoint: `http://127.0.0.1:${port}`, auth_token: secret });
			n8n = await startN8n({ port, credentials: [cartonaCredential(sandbox.url), odooCredential(env, secret)], workflows: [loadTemplate('connection-test.json')] });
			await n8n.activate('cartonaConnTest1');
			// fixtures: one mapped product and one imported Cartona order
			const [productId] = await orm('product.product', 'create', [], { vals_list: [{ name: 'Tea box 24', list_price: 12.5, ...storableProductValues(env.series) }] });
			await write('product.product', [productId], { cartona_id: cartonaId });
			[{ product_tmpl_id: [templateId] }] = (await orm('product.product', 'read', [[productId]], { fields: ['product_tmpl_id'] })) as any;
			const hashedId = `SCR${series.split('.')[0]}${Date.now().toString(36).toUpperCase()}`;
			const [result] = (await odooOrm(env, 'marketplace.supplier.config', 'cartona_import_orders', [], {
				config_id: env.configId,
				orders: [
					{
						hashed_id: hashedId, receipt_id: `R-${hashedId}`, status: 'pending', total_price: 62.5,
						retailer: { retailer_code: 'SCR01', retailer_name: 'Corner shop', retailer_number: '+201003150160', retailer_address: 'Nasr City' },
						order_details: [{ id: 1, internal_product_id: cartonaId, amount: 5, selling_price: 12.5, product_name: 'Tea box 24' }],
					},
				],
			} as any)) as any[];
			expect(result.ok).toBe(true);
			saleOrderId = result.sale_order_id;
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { chromium } = require('playwright-core') as typeof import('playwright-core');
			browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
			page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
			await page.goto(`${env.url}/web/login`);
			await page.fill('input[name="login"]', 'admin');
			await page.fill('input[name="password"]', process.env.ODOO_ADMIN_PASSWORD || 'admin');
			await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/web/login'), { timeout: 60_000 }), page.click('button[type="submit"]')]);
		});
		afterAll(async () => {
			await browser?.close();
			await n8n?.stop();
			await odoo?.stop();
			await sandbox?.close();
		});

		const setAdminLang = async (lang: string) => {
			const [adminId] = (await orm('res.users', 'search', [], { domain: [['login', '=', 'admin']] })) as number[];
			await write('res.users', [adminId], { lang });
			// the next open is a full page load (from /web#a to /web#b is only a new hash), so the
			// web client starts in that language
			await page.goto('about:blank');
		};

		test('English: Test Connection answers Connected; overview, sale order, inventory and product show their fields', async () => {
			await setAdminLang('en_US'); // a reused database (ODOO_TEST_ENV) may hold the Arabic run's setting
			await open('marketplace_integration.marketplace_supplier_config_action', odoo.env.configId);
			await visible('.o_form_view .o_field_widget[name="api_endpoint"]');
			await page.getByRole('button', { name: 'Test Connection' }).click();
			await page.locator('.o_notification', { hasText: 'Connected' }).waitFor({ timeout: 60_000 });
			await page.reload({ waitUntil: 'domcontentloaded' });
			await page.locator('.o_field_widget[name="connection_status"]', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
			expect(await page.locator('.o_form_view .o_statusbar_status').count()).toBe(0); // a badge, not a status bar
			await shot('config', 'en');

			await open('marketplace_integration.marketplace_dashboard_action');
			const card = page.locator('.o_kanban_record', { hasText: 'Cartona CI' }).first();
			await card.waitFor({ timeout: 30_000 });
			await card.locator('.o_marketplace_connection', { hasText: 'Connected' }).waitFor();
			const today = (await card.locator('.o_marketplace_orders_today').innerText()).match(/(\d+)\s*Orders today/);
			expect(Number(today?.[1])).toBeGreaterThanOrEqual(1); // the order imported above
			expect(await card.locator('.o_marketplace_last_sync').innerText()).toMatch(/Last order import/);
			await shot('dashboard', 'en');

			await open('sale.action_orders', saleOrderId);
			await visible('.o_field_widget[name="marketplace_order_id"]');
			await visible('.o_field_widget[name="marketplace_status"]');
			await shot('sale-order', 'en');

			await open('stock.action_view_inventory_tree');
			await visible('.o_list_view');
			// the Cartona sync indicator is a column of Physical Inventory (issue 14)
			await visible('.o_list_view th[data-name="marketplace_sync_status"]');
			await shot('physical-inventory', 'en');

			await open('product.product_template_action', templateId);
			await page.locator('.o_field_widget[name="marketplace_variant_cartona_id"]', { hasText: cartonaId }).first().waitFor({ timeout: 30_000 });
			await shot('product', 'en');
		});

		test('Arabic: the same screens in Arabic, right to left', async () => {
			const [langId] = (await orm('res.lang', 'search', [], { domain: [['code', '=', 'ar_001']], context: { active_test: false } })) as number[];
			const field = Number.parseFloat(series) >= 17 ? 'lang_ids' : 'lang';
			const [wizard] = (await orm('base.language.install', 'create', [], { vals_list: [{ [field]: field === 'lang' ? 'ar_001' : [[6, 0, [langId]]] }] })) as number[];
			await orm('base.language.install', 'lang_install', [[wizard]]);
			await setAdminLang('ar_001');

			await open('marketplace_integration.marketplace_supplier_config_action', odoo.env.configId);
			await visible('.o_form_view .o_field_widget[name="api_endpoint"]');
			expect(await page.evaluate(() => document.body.classList.contains('o_rtl'))).toBe(true);
			await page.getByRole('button', { name: 'اختبار الاتصال' }).click();
			await page.locator('.o_notification', { hasText: 'متصل' }).waitFor({ timeout: 60_000 });
			await page.reload({ waitUntil: 'domcontentloaded' });
			await page.locator('.o_field_widget[name="connection_message"]', { hasText: 'متصل: قبل n8n وكرتونة بيانات الاعتماد.' }).waitFor({ timeout: 30_000 });
			expect(await page.locator('.o_form_view').innerText()).toContain('عنوان n8n الأساسي');
			// right to left without a horizontal scroll bar
			expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
			await shot('config', 'ar');

			await open('marketplace_integration.marketplace_dashboard_action');
			await page.locator('.o_kanban_record', { hasText: 'Cartona CI' }).first().waitFor({ timeout: 30_000 });
			await shot('dashboard', 'ar');

			await open('sale.action_orders', saleOrderId);
			await visible('.o_field_widget[name="marketplace_order_id"]');
			expect(await page.locator('.o_form_view').innerText()).toContain('رقم طلب كرتونة');
			await shot('sale-order', 'ar');

			await open('stock.action_view_inventory_tree');
			await visible('.o_list_view');
			await shot('physical-inventory', 'ar');

			await open('product.product_template_action', templateId);
			await page.locator('.o_field_widget[name="marketplace_variant_cartona_id"]', { hasText: cartonaId }).first().waitFor({ timeout: 30_000 });
			await shot('product', 'ar');
		});
	});
}

for (const series of SERIES) screens(series);
