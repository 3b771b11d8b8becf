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
  CreateProgrammeDto,
  ProgrammePageView,
  ProgrammeView,
  ProgrammesService,
  UpdateProgrammeDto,
} from '@catalyst/identity';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

const NOT_VISIBLE = 'No such programme, or you do not manage it';
const id = new ParseUUIDPipe();

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Create a programme (instance administrators)',
    description:
      'A programme (e.g. CivTech, CAN DO, STiR San Francisco) is run by an operator organisation, ' +
      'whose programme managers then manage it and only it. Time zone and currency are the ' +
      'defaults of its rounds (APP_TIMEZONE and GBP unless given). Audited.',
  })
  @ApiCreatedResponse({ type: ProgrammeView })
  @ApiForbiddenResponse({ description: 'Not an instance administrator' })
  @ApiNotFoundResponse({ description: 'No such operator organisation' })
  @ApiConflictResponse({ description: 'The slug is taken (`programme.slug_taken`)' })
  @ApiUnprocessableEntityResponse({
    description: 'The organisation is not an operator (`programme.operator_required`)',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateProgrammeDto): Promise<ProgrammeView> {
    return this.programmes.create(actor, body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'Programmes you manage (all of them for an instance administrator)',
    description: 'Sorted by name; keyset pagination with limit and cursor.',
  })
  @ApiOkResponse({ type: ProgrammePageView })
  @ApiForbiddenResponse({
    description: 'Neither a programme manager nor an instance administrator',
  })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<ProgrammePageView> {
    return this.programmes.list(actor, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'One programme (its managers and instance administrators)' })
  @ApiOkResponse({ type: ProgrammeView })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(@CurrentActor() actor: Actor, @Param('id', id) programmeId: string): Promise<ProgrammeView> {
    return this.programmes.get(actor, programmeId);
  }

  @Patch(':id')
  @SignedIn()
  @ApiOperation({
    summary: 'Edit a programme: name, slug, branding, default time zone and currency',
    description:
      'Its managers and instance administrators. The operator is fixed. A new slug moves the ' +
      'programme’s public pages and feed. Audited field by field.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The `version` you read; 409 when it changed since',
  })
  @ApiOkResponse({ type: ProgrammeView })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiConflictResponse({
    description: 'Stale If-Match (`programme.stale_version`) or the slug is taken',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', id) programmeId: string,
    @Body() body: UpdateProgrammeDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ProgrammeView> {
    return this.programmes.update(actor, programmeId, body, parseIfMatch(ifMatch));
  }
}
