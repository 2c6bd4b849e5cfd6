import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * What one version of a node adds to its base description (VersionedNodeType): the version
 * number, connections, credentials and parameters. The base description names the node.
 */
export type VersionDescription = Omit<INodeTypeDescription, 'displayName' | 'name' | 'group' | 'description'>;

/** The parts every version of a resource/operation action node has: one main input and output, usable as a tool. */
export const ACTION_NODE: Pick<VersionDescription, 'subtitle' | 'usableAsTool' | 'inputs' | 'outputs'> = {
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
};
