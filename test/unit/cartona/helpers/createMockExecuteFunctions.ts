import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { CartonaApi } from '../../../../credentials/CartonaApi.credentials';
import { Cartona } from '../../../../nodes/Cartona/Cartona.node';
import { evaluate } from './expressions';
import { sendHttpRequest } from './sendHttpRequest';

export interface MockOptions {
	nodeParameters: IDataObject;
	credentials?: IDataObject;
	inputData?: IDataObject[];
	continueOnFail?: boolean;
}

export const TEST_BASE_URL = 'http://cartona.test/api/v1/';
export const TEST_TOKEN = 'test-token';
export const TEST_CREDENTIALS: IDataObject = { environment: 'custom', url: TEST_BASE_URL, token: TEST_TOKEN };

const credentialType = new CartonaApi();
const baseNode: INode = {
	id: 'cartona',
	name: 'Cartona',
	type: 'n8n-nodes-cartona.cartona',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function readPath(source: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], source);
}

/** The default of a top-level parameter as n8n would show it for the current resource/operation. */
function defaultOf(name: string, parameters: IDataObject): unknown {
	const matches = (property: INodeProperties) =>
		Object.entries(property.displayOptions?.show ?? {}).every(([key, allowed]) => {
			if (key !== 'resource' && key !== 'operation') return true;
			return (allowed as unknown[]).includes(parameters[key]);
		});
	return new Cartona().getNodeType(1).description.properties.find((property) => property.name === name && matches(property))?.default;
}

/**
 * A small IExecuteFunctions: parameters (with n8n's expression engine for `={{ }}` values and the
 * description's defaults), input items, Continue On Fail, and an httpRequestWithAuthentication
 * that applies the credential's declared `authenticate` headers and really sends the request
 * (sendHttpRequest.ts), wrapping failures in NodeApiError as n8n-core does, so nock and the
 * sandbox see real requests.
 */
export function createMockExecuteFunctions({
	nodeParameters,
	credentials = TEST_CREDENTIALS,
	inputData = [{}],
	continueOnFail = false,
}: MockOptions): IExecuteFunctions {
	const items: INodeExecutionData[] = inputData.map((json) => ({ json }));
	const node: INode = { ...baseNode, parameters: nodeParameters as INode['parameters'] };

	function getNodeParameter(name: string, itemIndex: number, ...fallback: unknown[]) {
		let value = readPath(nodeParameters, name);
		if (value === undefined && !name.includes('.')) value = defaultOf(name, nodeParameters);
		if (value === undefined) {
			if (fallback.length) return fallback[0];
			throw new Error(`Could not get parameter "${name}"`);
		}
		return evaluate(value, { items, itemIndex });
	}

	async function httpRequestWithAuthentication(credentialName: string, options: IHttpRequestOptions) {
		if (credentialName !== credentialType.name) throw new Error(`Unexpected credential ${credentialName}`);
		const headers: Record<string, string> = { accept: 'application/json' };
		for (const [header, value] of Object.entries(options.headers ?? {})) headers[header] = String(value);
		for (const [header, expression] of Object.entries(credentialType.authenticate.properties.headers ?? {})) {
			headers[header] = String(evaluate(expression, { credentials }));
		}
		try {
			return await sendHttpRequest(options, headers);
		} catch (error) {
			// n8n-core wraps every failure of httpRequestWithAuthentication the same way.
			throw new NodeApiError(node, error as never);
		}
	}

	return {
		getNodeParameter,
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => continueOnFail,
		getCredentials: async () => credentials,
		helpers: { httpRequestWithAuthentication },
	} as unknown as IExecuteFunctions;
}

/** Runs the Cartona node's execute() and returns its only output. */
export async function runCartona(options: MockOptions): Promise<INodeExecutionData[]> {
	const [output] = (await new Cartona().getNodeType(1).execute!.call(createMockExecuteFunctions(options))) as INodeExecutionData[][];
	return output;
}
