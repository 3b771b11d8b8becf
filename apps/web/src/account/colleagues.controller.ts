import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { PageQueryDto } from '@catalyst/common';
import {
  Actor,
  CreateInvitationDto,
  InvitationTransitionDto,
  InvitationsService,
  ListInvitationsQueryDto,
  MembersService,
  OrganisationsService,
  ROLES_BY_KIND,
} from '@catalyst/identity';
import { formErrors, isFormProblem } from '../errors/form-errors';
import { uuidOrNotFound } from '../portal/portal.controller';
import { formBody, validated } from '../rendering/form-input';
import { FormErrorView, PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/**
 * A company's people: its members, the invitations still pending, inviting a colleague by
 * e-mail with a role, and revoking an invitation. The identity library decides who may (the
 * same services and policy as `/organisations/{id}/invitations`).
 */
@Controller('account/colleagues')
export class ColleaguesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @SignedInPage('startup_member')
  async page(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const query = request.query as Record<string, string>;
    await this.show(request, reply, {
      invited: query.invited,
      revoked: query.revoked === '1',
      token: undefined,
    });
  }

  @Post('invitations')
  @SignedInPage('startup_member')
  async invite(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const form = formBody(request.body);
    const values = { email: form.email ?? '', role: form.role ?? '' };
    try {
      const dto = await validated(CreateInvitationDto, values);
      const created = await this.invitations.create(actor, companyOf(actor), dto);
      if (created.token) {
        // No mail configured (development, or no SMTP_URL): the inviter passes the link on.
        return this.show(request, reply, { invited: dto.email, token: created.token });
      }
      await this.pages.redirect(
        reply,
        `/account/colleagues?invited=${encodeURIComponent(dto.email)}`,
      );
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const errors = formErrors(
        error,
        [
          { field: 'email', id: 'email', label: t('accountColleagues.email') },
          { field: 'role', id: 'role', label: t('accountColleagues.role') },
        ],
        t,
      );
      await this.show(request, reply, { values, errors }, error.status);
    }
  }

  @Post('invitations/:id/revoke')
  @SignedInPage('startup_member')
  async revoke(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const form = formBody(request.body);
    const version = Number(form.version);
    const dto = await validated(InvitationTransitionDto, { to: 'revoked' });
    await this.invitations.transition(
      request.actor!,
      uuidOrNotFound(id),
      dto,
      Number.isInteger(version) && version > 0 ? version : undefined,
    );
    await this.pages.redirect(reply, '/account/colleagues?revoked=1');
  }

  private async show(
    request: WebRequest,
    reply: WebReply,
    data: {
      invited?: string;
      revoked?: boolean;
      token?: string;
      values?: { email: string; role: string };
      errors?: FormErrorView;
    },
    status = 200,
  ): Promise<void> {
    const actor = request.actor!;
    const organisationId = companyOf(actor);
    const organisation = await this.organisations.findVisible(actor, organisationId);
    const [members, pending] = await Promise.all([
      this.members.list(actor, organisationId, await validated(PageQueryDto, { limit: 100 })),
      this.invitations.list(
        actor,
        organisationId,
        await validated(ListInvitationsQueryDto, { limit: 100, status: 'pending' }),
      ),
    ]);
    const roles = ROLES_BY_KIND[organisation.kind];
    await this.pages.render(
      request,
      reply,
      'account/colleagues',
      {
        organisation: { id: organisation.id, name: organisation.name },
        members: members.items,
        invitations: pending.items.map((i) => ({
          ...i,
          canRevoke: i.allowedTransitions.some((m) => m.to === 'revoked'),
        })),
        roles,
        values: data.values ?? { email: '', role: roles[0] },
        errors: data.errors,
        invited: data.invited,
        revoked: data.revoked,
        invitationLink: data.token ? `/invitations/${data.token}` : undefined,
      },
      status,
    );
  }
}

/** The company a startup member acts for (their first company membership). */
function companyOf(actor: Actor): string {
  return actor.organisationIds('startup_member')[0];
}
