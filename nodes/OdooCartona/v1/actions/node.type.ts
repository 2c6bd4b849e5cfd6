import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	order: 'import' | 'applyStatus' | 'getStatusChanges' | 'getDetailsChanges' | 'markSynced';
	partner: 'matchOrCreate' | 'setCartonaIds';
	product: 'recordRefusals' | 'resolve' | 'setCartonaIds';
	stock: 'getSnapshot';
	price: 'getSnapshot';
	outbox: 'claim' | 'acknowledge';
	syncLog: 'write';
	config: 'get';
};

export type OdooCartonaType = AllEntities<NodeMap>;
