import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { credentialTest } from '../methods';
import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';

/** Version 1: one Odoo call per batch of input items, through the addon's batch API. */
// Checked as an INodeType where the wrapper hands it to VersionedNodeType, not by
// `implements`: @n8n/eslint-plugin-community-nodes 0.48's icon-validation reads the icon from a
// `description` literal on INodeType classes, while a version's icon comes from the base
// description and is resolved beside the entry file (../odooCartona.svg).
export class OdooCartonaV1 {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = { ...baseDescription, ...versionDescription };
	}

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
