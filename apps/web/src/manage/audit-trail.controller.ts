import { Controller, Get, Req, Res } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditEventDto, AuditQueryDto, AuditQueryService } from '@catalyst/audit';
import { ValidationFailedError } from '@catalyst/common';
import { User } from '@catalyst/identity';
import { formErrors } from '../errors/form-errors';
import { validated } from '../rendering/form-input';
import { PageRenderer, Translate } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/** Where each kind of thing is looked at in the console (others are named, not linked). */
const PAGES: Record<string, string> = {
  round: '/manage/rounds/',
  challenge: '/manage/challenges/',
  application: '/manage/applications/',
};

/**
 * The audit trail of the manager's programmes, newest first, filtered as the API filters it
 * (entity, its id, who acted), each event written as a sentence with its reason.
 */
@Controller('manage/audit')
export class AuditTrailController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly audit: AuditQueryService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @SignedInPage('programme_manager')
  async trail(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const query = request.query as Record<string, string | undefined>;
    const filters = {
      entityType: query.entityType?.trim() || undefined,
      entityId: query.entityId?.trim() || undefined,
      actorId: query.actorId?.trim() || undefined,
    };
    const t = this.pages.translator(request.locale);
    let page: { items: AuditEventDto[]; nextCursor: string | null } = {
      items: [],
      nextCursor: null,
    };
    let errors;
    let status = 200;
    try {
      page = await this.audit.list(
        request.actor!,
        await validated(AuditQueryDto, {
          ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
          limit: 50,
          ...(query.cursor ? { cursor: query.cursor } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      errors = formErrors(
        error,
        ['entityType', 'entityId', 'actorId'].map((f) => ({
          field: f,
          id: f,
          label: t(`audit.filter.${f}`),
        })),
        t,
      );
      status = 400;
    }
    const names = await this.names(page.items);
    const next = page.nextCursor
      ? `/manage/audit?${new URLSearchParams({
          ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v) as [string, string][]),
          cursor: page.nextCursor,
        }).toString()}`
      : null;
    await this.pages.render(
      request,
      reply,
      'manage/audit',
      {
        filters,
        errors,
        next,
        events: page.items.map((e) => ({
          ...e,
          sentence: sentence(e, names.get(e.actorId ?? '') ?? t('audit.system'), t),
          href: PAGES[e.entityType] ? `${PAGES[e.entityType]}${e.entityId}` : null,
        })),
      },
      status,
    );
  }

  /** The names of the people who acted on the page (one query). */
  private async names(events: AuditEventDto[]): Promise<Map<string, string>> {
    const ids = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id))];
    if (!ids.length) return new Map();
    const users = await this.dataSource
      .getRepository(User)
      .find({ where: { id: In(ids) }, select: { id: true, name: true } });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}

/** "Sam Jones moved application 1a2b3c4d from submitted to shortlisted". */
function sentence(e: AuditEventDto, actor: string, t: Translate): string {
  const kind = t.exists(`audit.entity.${e.entityType}`)
    ? t(`audit.entity.${e.entityType}`)
    : e.entityType;
  const entity = `${kind} ${e.entityId.slice(0, 8)}`;
  const status = (s: string) => (t.exists(`status.${s}`) ? t(`status.${s}`) : s);
  if (e.from && e.to)
    return t('audit.sentence.moved', { actor, entity, from: status(e.from), to: status(e.to) });
  if (e.action.endsWith('.created')) return t('audit.sentence.created', { actor, entity });
  return t('audit.sentence.other', { actor, entity, action: e.action });
}
