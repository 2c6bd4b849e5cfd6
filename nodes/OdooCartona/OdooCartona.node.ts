import { VersionedNodeType } from 'n8n-workflow';

import { baseDescription } from '../shared/baseDescription';
import { OdooCartonaV1 } from './v1/OdooCartonaV1.node';

/**
 * Odoo with the marketplace_integration addon. Versioned as n8n's Airtable node is: saved
 * workflows name typeVersion 1 and keep running v1/; a version 2 is a new folder and one more
 * entry below (transport/ and methods/ serve every version).
 */
export class OdooCartona extends VersionedNodeType {
	constructor() {
		const base = baseDescription(
			'odooCartona',
			'Odoo Cartona',
			'Sync Cartona orders, stock and prices with Odoo through the marketplace_integration addon (batched calls)',
			1,
		);
		super({ 1: new OdooCartonaV1(base) }, base);
	}
}
