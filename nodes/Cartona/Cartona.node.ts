import { VersionedNodeType } from 'n8n-workflow';

import { baseDescription } from '../shared/baseDescription';
import { CartonaV1 } from './v1/CartonaV1.node';

/**
 * Cartona supplier-integration API: orders, products and base products (9 endpoints).
 * Versioned as n8n's Airtable node is: saved workflows name typeVersion 1 and keep running
 * v1/; a version 2 is a new folder and one more entry below.
 */
export class Cartona extends VersionedNodeType {
	constructor() {
		const base = baseDescription(
			'cartona',
			'Cartona',
			'Pull orders from the Cartona B2B marketplace and update orders, products and stock',
			1,
		);
		super({ 1: new CartonaV1(base) }, base);
	}
}
