import { PingReceipt } from './ping/ping-receipt.entity';

export const OPS_ENTITIES = [PingReceipt];
