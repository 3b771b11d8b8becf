import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ContractsService,
  CreateOutcomeDto,
  ListContractsQueryDto,
  ListOutcomesQueryDto,
  OutcomesService,
} from '@catalyst/contracts';
import type { Actor } from '@catalyst/identity';
import { formErrors, isFormProblem } from '../errors/form-errors';
import { uuidOrNotFound } from '../portal/portal.controller';
import { formBody, validated } from '../rendering/form-input';
import { FormErrorView, PageRenderer } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';

/** The kinds of outcome a company records here (a public buyer's contract is the programme's). */
const OWN_OUTCOME_KINDS = ['investment', 'jobs', 'revenue'] as const;
const CURRENCIES = ['GBP', 'SEK', 'EUR'] as const;

/**
 * A company's contracts (read only, with their amendments and payments) and its outcomes
 * (investment, jobs, revenue) with their history, through the contracts library's services:
 * another company's contract is not found, as on the API.
 */
@Controller('company')
export class CompanyContractsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly contracts: ContractsService,
    private readonly outcomes: OutcomesService,
  ) {}

  @Get('contracts')
  @SignedInPage('startup_member')
  async list(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const page = await this.contracts.list(
      actor,
      await validated(ListContractsQueryDto, {
        limit: 100,
        startupOrganisationId: companyOf(actor),
      }),
    );
    await this.pages.render(request, reply, 'startup/contracts', { contracts: page.items });
  }

  @Get('contracts/:id')
  @SignedInPage('startup_member')
  async contract(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('id') id: string,
  ): Promise<void> {
    const contract = await this.contracts.get(request.actor!, uuidOrNotFound(id));
    await this.pages.render(request, reply, 'startup/contract', { contract });
  }

  @Get('outcomes')
  @SignedInPage('startup_member')
  async outcomesPage(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const query = request.query as Record<string, string>;
    await this.showOutcomes(request, reply, { recorded: query.recorded === '1' });
  }

  @Post('outcomes')
  @SignedInPage('startup_member')
  async record(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const form = formBody(request.body);
    const values = {
      kind: form.kind ?? '',
      amount: form.amount?.trim() ?? '',
      currency: form.currency ?? 'GBP',
      count: form.count?.trim() ?? '',
      reportedOn: form.reportedOn?.trim() ?? '',
      note: form.note?.trim() ?? '',
    };
    try {
      const dto = await validated(CreateOutcomeDto, {
        kind: values.kind,
        reportedOn: values.reportedOn,
        ...(values.kind !== 'jobs' && values.amount
          ? { value: { amountMinor: minorUnits(values.amount), currency: values.currency } }
          : {}),
        ...(values.kind === 'jobs' && values.count ? { count: wholeNumber(values.count) } : {}),
        ...(values.note ? { note: values.note } : {}),
      });
      await this.outcomes.report(actor, companyOf(actor), dto);
      await this.pages.redirect(reply, '/company/outcomes?recorded=1');
    } catch (error) {
      if (!isFormProblem(error)) throw error;
      const t = this.pages.translator(request.locale);
      const errors = formErrors(
        error,
        [
          { field: 'kind', id: 'kind', label: t('companyOutcomes.kind') },
          { field: 'value', id: 'amount', label: t('companyOutcomes.amount') },
          { field: 'count', id: 'count', label: t('companyOutcomes.count') },
          { field: 'reportedOn', id: 'reportedOn', label: t('companyOutcomes.reportedOn') },
          { field: 'note', id: 'note', label: t('companyOutcomes.note') },
        ],
        t,
      );
      await this.showOutcomes(request, reply, { values, errors }, error.status);
    }
  }

  private async showOutcomes(
    request: WebRequest,
    reply: WebReply,
    data: { recorded?: boolean; values?: Record<string, string>; errors?: FormErrorView },
    status = 200,
  ): Promise<void> {
    const actor = request.actor!;
    const page = await this.outcomes.list(
      actor,
      companyOf(actor),
      await validated(ListOutcomesQueryDto, { limit: 100 }),
    );
    await this.pages.render(
      request,
      reply,
      'startup/outcomes',
      {
        outcomes: [...page.items].reverse(),
        kinds: OWN_OUTCOME_KINDS,
        currencies: CURRENCIES,
        recorded: data.recorded,
        values: data.values ?? {
          kind: '',
          amount: '',
          currency: 'GBP',
          count: '',
          reportedOn: '',
          note: '',
        },
        errors: data.errors,
      },
      status,
    );
  }
}

function companyOf(actor: Actor): string {
  return actor.organisationIds('startup_member')[0];
}

/**
 * An amount as written (12500 or 12500.50) in minor units; anything else is passed on as
 * written, for the domain's validation to refuse with its field problem.
 */
function minorUnits(amount: string): number | string {
  const match = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(amount.replace(/[\s_]/g, ''));
  if (!match) return amount;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function wholeNumber(count: string): number | string {
  return /^\d{1,7}$/.test(count) ? Number(count) : count;
}
