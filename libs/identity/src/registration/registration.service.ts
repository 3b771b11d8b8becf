import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { PasswordHasher } from '../auth/password-hasher.service';
import { assertPasswordAcceptable } from '../auth/password-policy';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { User } from '../entities/user.entity';
import { OrganisationDto } from '../organisations/organisation.view';
import type { RegisterDto, RegistrationDto } from './register.dto';
import { EmailTakenError } from './registration.errors';

/** Self-registration of a startup: its organisation and first member, in one transaction. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async register(input: RegisterDto, correlationId?: string): Promise<RegistrationDto> {
    assertPasswordAcceptable(input.password, input);
    if (await this.dataSource.getRepository(User).existsBy({ email: input.email })) {
      throw new EmailTakenError();
    }
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organisation = await manager.save(
          manager.create(Organisation, { name: input.organisationName, kind: 'startup' }),
        );
        const user = await manager.save(
          manager.create(User, { email: input.email, name: input.name, passwordHash }),
        );
        const membership = await manager.save(
          manager.create(Membership, {
            userId: user.id,
            organisationId: organisation.id,
            role: 'startup_member',
          }),
        );
        const actor = { userId: user.id, correlationId };
        await this.audit.record(manager, {
          actor,
          action: 'user.registered',
          entityType: 'user',
          entityId: user.id,
          data: { email: user.email },
        });
        await this.audit.record(manager, {
          actor,
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: organisation.id,
          data: { name: organisation.name, kind: organisation.kind, via: 'registration' },
        });
        await this.audit.record(manager, {
          actor,
          action: 'membership.added',
          entityType: 'membership',
          entityId: membership.id,
          data: { userId: user.id, organisationId: organisation.id, role: membership.role },
        });
        return {
          user: { id: user.id, email: user.email, name: user.name },
          organisation: OrganisationDto.from(organisation),
          membership: {
            organisationId: organisation.id,
            organisationKind: organisation.kind,
            organisationName: organisation.name,
            role: membership.role,
          },
        };
      });
    } catch (error) {
      // Two registrations of one address racing past the check: the unique index decides.
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } } | null)?.driverError;
  return driverError?.code === '23505';
}
