import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AttachCheck,
  AttachGrant,
  AttachesDocuments,
  type DocumentAttachmentType,
} from '@catalyst/documents';
import { Actor, assertAllowed, assertVisible } from '@catalyst/identity';
import { ContractClosedError } from '../contracts.errors';
import { loadContract } from './contract.loader';
import { ContractPolicy } from './contract.policy';
import { OPEN_STATUSES } from './contract.state-machine';

/**
 * Documents of a contract (`attachToType: contract`): the signed contract, an amendment's
 * letter (then named by the amendment's `documentIds`). Its buyer and the programme's managers
 * attach them while it is open, the startup while it is a draft; whoever sees the contract
 * sees them.
 */
@Injectable()
@AttachesDocuments('contract')
export class ContractDocumentsAttachment implements DocumentAttachmentType {
  constructor(private readonly policy: ContractPolicy) {}

  async assertCanAttach(
    actor: Actor,
    id: string,
    { manager, lock }: AttachCheck,
  ): Promise<AttachGrant> {
    const contract = await loadContract(manager, id, { lock });
    assertVisible(!!contract && this.policy.canSee(actor, contract), 'Contract', id);
    const may =
      this.policy.canManageTerms(actor, contract!) ||
      (contract!.status === 'draft' && this.policy.canEditDraft(actor, contract!));
    assertAllowed(
      may,
      'Only the buyer or a programme manager attaches documents to this contract.',
    );
    if (!OPEN_STATUSES.includes(contract!.status)) throw new ContractClosedError(contract!.status);
    return { programmeId: contract!.programmeId };
  }

  async canView(actor: Actor, id: string, manager: EntityManager): Promise<boolean> {
    const contract = await loadContract(manager, id);
    return !!contract && this.policy.canSee(actor, contract);
  }
}
