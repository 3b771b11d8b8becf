import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PageQueryDto, parseIfMatch } from '@catalyst/common';
import {
  Actor,
  CreateInvitationDto,
  CreateOrganisationDto,
  InvitationCreatedDto,
  InvitationPageDto,
  InvitationsService,
  ListInvitationsQueryDto,
  ListOrganisationsQueryDto,
  MemberPageDto,
  MembersService,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationsService,
  UpdateOrganisationDto,
} from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

const NOT_VISIBLE = 'No such organisation, or you may not see it';
const id = new ParseUUIDPipe();

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Add an organisation (programme managers; operators: instance administrators)',
    description:
      'Sponsors and startups are shared by every programme. An operator organisation runs its own programmes, so adding one is an instance-level action.',
  })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiForbiddenResponse({
    description: 'Not a programme manager (or, for an operator, not an instance administrator)',
  })
  @ApiConflictResponse({
    description:
      'One of the same kind has this name, ignoring case and spaces (`organisation.name_taken`)',
  })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.create(actor, body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'Organisations: all of them for programme managers, the caller’s own for others',
    description: 'Sorted by name; keyset pagination with limit and cursor.',
  })
  @ApiOkResponse({ type: OrganisationPageDto })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListOrganisationsQueryDto,
  ): Promise<OrganisationPageDto> {
    return this.organisations.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'One organisation',
    description:
      'Visible to its members and programme managers; sponsor organisations (public bodies) to ' +
      'everyone signed in. Anything else answers 404.',
  })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(@CurrentActor() actor: Actor, @Param('id', id) orgId: string): Promise<OrganisationDto> {
    return this.organisations.get(actor, orgId);
  }

  @Patch(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Edit an organisation: name, website, SME flag (its admins or a programme manager)',
    description:
      'Admins are its programme managers (operator), sponsors (sponsor) or members (startup). ' +
      'A name already used by another organisation of the same kind (ignoring case and spaces) ' +
      'is refused. Audited field by field.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The `version` you read; 409 when it changed since',
  })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiForbiddenResponse({ description: 'You may see the organisation but not edit it' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({
    description:
      'Stale If-Match (`organisation.stale_version`) or the name is taken (`organisation.name_taken`)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', id) orgId: string,
    @Body() body: UpdateOrganisationDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<OrganisationDto> {
    return this.organisations.update(actor, orgId, body, parseIfMatch(ifMatch));
  }

  @Get(':id/members')
  @SignedIn()
  @ApiOperation({
    summary: 'Members of an organisation (its members and programme managers)',
    description:
      'One entry per membership, sorted by name. 403 for a sponsor organisation you do not belong to.',
  })
  @ApiOkResponse({ type: MemberPageDto })
  @ApiForbiddenResponse({ description: 'You may see the organisation but not its members' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  listMembers(
    @CurrentActor() actor: Actor,
    @Param('id', id) orgId: string,
    @Query() query: PageQueryDto,
  ): Promise<MemberPageDto> {
    return this.members.list(actor, orgId, query);
  }

  @Post(':id/invitations')
  @SignedIn()
  @ApiOperation({
    summary: 'Invite someone into an organisation with a role',
    description:
      'Programme managers invite into any sponsor or startup and into their own operator; ' +
      'instance administrators into any operator (its first programme manager); sponsors into ' +
      'their own public body; a company’s members into their own company. The token ' +
      '(single use, valid 7 days, only its hash stored) is for the invitee: with mail ' +
      'configured (SMTP_URL, in production) it is e-mailed and not in this answer ' +
      '(`tokenDelivery: "email"`); in development/test or without mail the answer carries it ' +
      '(`tokenDelivery: "response"`) and the inviter passes it on. The audit event records ' +
      'the delivery.',
  })
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  @ApiForbiddenResponse({ description: 'You may see the organisation but not invite into it' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiUnprocessableEntityResponse({ description: 'The role does not fit the organisation kind' })
  invite(
    @CurrentActor() actor: Actor,
    @Param('id', id) orgId: string,
    @Body() body: CreateInvitationDto,
  ): Promise<InvitationCreatedDto> {
    return this.invitations.create(actor, orgId, body);
  }

  @Get(':id/invitations')
  @SignedIn()
  @ApiOperation({
    summary: 'Invitations into an organisation (those who may invite into it)',
    description: 'Sorted by e-mail; filter by derived status. Tokens are never shown again.',
  })
  @ApiOkResponse({ type: InvitationPageDto })
  @ApiForbiddenResponse({ description: 'You may see the organisation but not its invitations' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  listInvitations(
    @CurrentActor() actor: Actor,
    @Param('id', id) orgId: string,
    @Query() query: ListInvitationsQueryDto,
  ): Promise<InvitationPageDto> {
    return this.invitations.list(actor, orgId, query);
  }
}
