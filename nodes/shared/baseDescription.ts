import type { INodeTypeBaseDescription } from 'n8n-workflow';

/**
 * The base description of a versioned transform node (what every version shares). Its icons
 * are `<name>.svg` and `<name>.dark.svg` beside the entry file, where n8n resolves them.
 */
export function baseDescription(
	name: string,
	displayName: string,
	description: string,
	defaultVersion: number,
): INodeTypeBaseDescription {
	return {
		displayName,
		name,
		icon: { light: `file:${name}.svg`, dark: `file:${name}.dark.svg` },
		group: ['transform'],
		description,
		defaultVersion,
	};
}
