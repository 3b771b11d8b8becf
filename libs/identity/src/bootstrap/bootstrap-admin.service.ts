import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '@catalyst/audit';
import { APP_CONFIG, type AppConfig } from '@catalyst/common';
import { PasswordHasher } from '../auth/password-hasher.service';
import { passwordProblem } from '../auth/password-policy';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { Programme } from '../entities/programme.entity';
import { User } from '../entities/user.entity';

export const OPERATOR_ORGANISATION_NAME = 'Programme operator';
/** The first programme: renamed (and re-slugged) by its programme managers with PATCH. */
export const DEFAULT_PROGRAMME = { name: 'Innovation programme', slug: 'default' } as const;
/** One advisory lock key for every replica: only one of them can be bootstrapping at a time. */
const BOOTSTRAP_LOCK = 'catalyst:bootstrap-admin';

export type BootstrapOutcome = 'created' | 'users-exist' | 'not-configured';

/**
 * Creates the first programme manager (an instance administrator, in an operator organisation
 * that runs a first programme) from
 * BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD when the database has no user at all.
 * Safe across restarts (any existing user means there is nothing to do) and across replicas
 * starting together (a transaction-scoped advisory lock lets one create; the others then see
 * the user and skip).
 */
@Injectable()
export class BootstrapAdminService {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(admin = this.config.bootstrapAdmin): Promise<BootstrapOutcome> {
    if (!admin) return 'not-configured';
    if (await this.anyUser()) return 'users-exist';
    const weak = passwordProblem(admin.password, { email: admin.email });
    if (weak) {
      // The same rule as every other password: a weak first admin password is refused at start.
      throw new Error(
        `BOOTSTRAP_ADMIN_PASSWORD is not accepted: it ${weak.message} (${weak.code}).`,
      );
    }
    // Hashing takes a moment: do it before taking the lock.
    const passwordHash = await this.passwords.hash(admin.password);
    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [BOOTSTRAP_LOCK]);
      if ((await manager.count(User)) > 0) return 'users-exist' as const;
      const organisation = await manager.save(
        manager.create(Organisation, { name: OPERATOR_ORGANISATION_NAME, kind: 'operator' }),
      );
      const user = await manager.save(
        manager.create(User, {
          email: admin.email.toLowerCase(),
          name: 'Programme manager',
          passwordHash,
          instanceAdmin: true,
        }),
      );
      // A fresh instance's first programme; where programmes exist already (users were
      // removed from a populated database), the instance administrator creates any further one.
      const programme =
        (await manager.count(Programme)) === 0
          ? await manager.save(
              manager.create(Programme, {
                operatorOrganisationId: organisation.id,
                ...DEFAULT_PROGRAMME,
                timezone: this.config.appTimezone,
                currency: 'GBP',
              }),
            )
          : null;
      const membership = await manager.save(
        manager.create(Membership, {
          userId: user.id,
          organisationId: organisation.id,
          role: 'programme_manager',
        }),
      );
      // The operator's own events: its programme managers (and instance administrators) read them.
      const operatorOrganisationId = organisation.id;
      const events = [
        {
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: organisation.id,
          operatorOrganisationId,
        },
        { action: 'user.created', entityType: 'user', entityId: user.id, operatorOrganisationId },
        {
          action: 'membership.added',
          entityType: 'membership',
          entityId: membership.id,
          operatorOrganisationId,
        },
        ...(programme
          ? [
              {
                action: 'programme.created',
                entityType: 'programme',
                entityId: programme.id,
                programmeId: programme.id,
              },
            ]
          : []),
      ];
      for (const event of events) {
        await this.audit.record(manager, {
          actor: SYSTEM_ACTOR,
          ...event,
          reason: 'bootstrap from BOOTSTRAP_ADMIN_EMAIL',
          data: {
            email: user.email,
            organisationId: organisation.id,
            role: membership.role,
            ...(programme ? { programmeId: programme.id } : {}),
          },
        });
      }
      return 'created' as const;
    });
    if (outcome === 'created') {
      this.logger.log(`Created the first programme manager, ${admin.email}.`);
    }
    return outcome;
  }

  private async anyUser(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM users LIMIT 1');
    return rows.length > 0;
  }
}
