import type { INodeTypeDescription } from 'n8n-workflow';

/**
 * What one version of a node adds to its base description (VersionedNodeType): the version
 * number, connections, credentials and parameters. The base description names the node.
 */
export type VersionDescription = Omit<
	INodeTypeDescription,
	'displayName' | 'name' | 'group' | 'description'
>;
