import { ContractAmendment } from './amendments/contract-amendment.entity';
import { Contract } from './contracts/contract.entity';
import { RoundContractDefaults } from './defaults/round-contract-defaults.entity';
import { Outcome } from './outcomes/outcome.entity';
import { ContractPayment } from './payments/contract-payment.entity';

export const CONTRACTS_ENTITIES = [
  Contract,
  ContractAmendment,
  ContractPayment,
  Outcome,
  RoundContractDefaults,
];
