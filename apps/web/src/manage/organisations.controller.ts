import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { PageQueryDto } from '@catalyst/common';
import {
  CreateInvitationDto,
  CreateOrganisationDto,
  InvitationsService,
  ListInvitationsQueryDto,
  ListOrganisationsQueryDto,
  MembersService,
  ORGANISATION_KINDS,
  OrganisationsService,
  ROLES,
} from '@catalyst/identity';
import { uuidOrNotFound } from '../portal/portal.controller';
import { validated } from '../rendering/form-input';
import { FormAgain, submitForm } from '../rendering/form-submission';
import { PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/**
 * Organisations, their members and invitations, as a programme manager keeps them: the same
 * services (and organisation policy) as `/organisations`, `/members` and `/invitations`.
 */
@Controller('manage/organisations')
export class ManageOrganisationsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @SignedInPage('programme_manager')
  async list(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await this.renderList(request, reply);
  }

  @Post()
  @SignedInPage('programme_manager')
  async create(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'name', id: 'name', label: t('organisationsPage.name') },
        { field: 'kind', id: 'kind', label: t('organisationsPage.kind') },
      ],
      act: async (form) => {
        const dto = await validated(CreateOrganisationDto, {
          name: form.name ?? '',
          kind: form.kind ?? '',
        });
        const organisation = await this.organisations.create(request.actor!, dto);
        return `/manage/organisations/${organisation.id}?created=1`;
      },
      again: (shown, status) => this.renderList(request, reply, shown, status),
    });
  }

  @Get(':id')
  @SignedInPage('programme_manager')
  async organisation(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderOrganisation(request, reply, uuidOrNotFound(id));
  }

  @Post(':id/invitations')
  @SignedInPage('programme_manager')
  async invite(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const organisationId = uuidOrNotFound(id);
    await this.organisations.get(request.actor!, organisationId);
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'email', id: 'email', label: t('organisationsPage.email') },
        { field: 'role', id: 'role', label: t('organisationsPage.role') },
      ],
      act: async (form) => {
        const dto = await validated(CreateInvitationDto, {
          email: form.email ?? '',
          role: form.role ?? '',
        });
        await this.invitations.create(request.actor!, organisationId, dto);
        return `/manage/organisations/${organisationId}?invited=1`;
      },
      again: (shown, status) =>
        this.renderOrganisation(request, reply, organisationId, shown, status),
    });
  }

  private async renderList(request: WebRequest, reply: WebReply, shown?: FormAgain, status = 200) {
    const query = request.query as Record<string, string>;
    const kind = (ORGANISATION_KINDS as readonly string[]).includes(query.kind)
      ? query.kind
      : undefined;
    const page = await this.organisations.list(
      request.actor!,
      await validated(ListOrganisationsQueryDto, {
        limit: 100,
        ...(kind ? { kind } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }),
    );
    await this.pages.render(
      request,
      reply,
      'manage/organisations',
      {
        organisations: page.items,
        nextCursor: page.nextCursor,
        kinds: ORGANISATION_KINDS,
        kind,
        values: { kind: 'sponsor' },
        ...shown,
      },
      status,
    );
  }

  private async renderOrganisation(
    request: WebRequest,
    reply: WebReply,
    id: string,
    shown?: FormAgain,
    status = 200,
  ) {
    const actor = request.actor!;
    const organisation = await this.organisations.get(actor, id);
    const [members, invitations] = await Promise.all([
      this.members.list(actor, id, await validated(PageQueryDto, { limit: 100 })),
      this.invitations.list(actor, id, await validated(ListInvitationsQueryDto, { limit: 100 })),
    ]);
    const query = request.query as Record<string, string>;
    await this.pages.render(
      request,
      reply,
      'manage/organisation',
      {
        organisation,
        members: members.items,
        invitations: invitations.items,
        roles: ROLES,
        notice: query.created ? 'created' : query.invited ? 'invited' : null,
        values: {},
        ...shown,
      },
      status,
    );
  }
}
