import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { CartonaV1 } from './v1/CartonaV1.node';

/**
 * Cartona supplier-integration API: orders, products and base products (9 endpoints).
 * Versioned as n8n's Airtable node is: saved workflows name typeVersion 1 and keep running
 * v1/; a version 2 is a new folder and one more entry below.
 */
export class Cartona extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Cartona',
			name: 'cartona',
			icon: { light: 'file:cartona.svg', dark: 'file:cartona.dark.svg' },
			group: ['transform'],
			description:
				'Pull orders from the Cartona B2B marketplace and update orders, products and stock',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new CartonaV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
