import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  CONTRACT_KINDS,
  CONTRACT_STATUSES,
  ContractPaymentsService,
  ContractTransitionDto,
  ContractTransitionsService,
  ContractView,
  ContractsService,
  ListContractsQueryDto,
  RecordContractPaymentDto,
} from '@catalyst/contracts';
import { RoundQueryDto, RoundsService } from '@catalyst/rounds';
import { uuidOrNotFound } from '../portal/portal.controller';
import { chartFigure } from '../rendering/charts';
import { validated } from '../rendering/form-input';
import { FormAgain, submitForm } from '../rendering/form-submission';
import { PageRenderer, Translate } from '../rendering/page-renderer';
import { SignedInPage } from '../session/page-access.decorator';
import { WebReply, WebRequest } from '../session/web-request';
import { reasonOf, versionOf } from './form-values';

/** Contracts won after the programme (the impact the programme is judged on). */
const AFTER_THE_PROGRAMME = ['follow_on', 'commercial', 'framework_call_off'];

/** Where the pages live for this request: the manager's console or the sponsor's. */
const baseOf = (request: WebRequest) =>
  request.url.startsWith('/sponsor/') ? '/sponsor/contracts' : '/manage/contracts';

/** A typed amount (`5000`, `5,000.50`) in minor units; as typed when it is not an amount. */
function minorUnits(typed: string | undefined): number | string {
  const plain = (typed ?? '').replace(/[,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return (typed ?? '').trim();
  const [whole, fraction = ''] = plain.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/**
 * Contracts and outcomes across the manager's programmes: the list with its filters and the
 * value won after the programme as a chart, a contract with its amendments and payments
 * ledger, recording a payment and moving a contract on (with the reason the domain asks for).
 * A sponsor's console shows the same pages at /sponsor/contracts: its organisation's contracts,
 * as buyer or original sponsor, with what the contract policy lets it do.
 */
@Controller(['manage/contracts', 'sponsor/contracts'])
export class ManageContractsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly contracts: ContractsService,
    private readonly transitions: ContractTransitionsService,
    private readonly payments: ContractPaymentsService,
    private readonly rounds: RoundsService,
  ) {}

  @Get()
  @SignedInPage('programme_manager', 'sponsor')
  async list(@Req() request: WebRequest, @Res() reply: WebReply): Promise<void> {
    const actor = request.actor!;
    const query = request.query as Record<string, string | undefined>;
    const filters = {
      roundId: query.roundId?.trim() || undefined,
      status: query.status?.trim() || undefined,
      kind: query.kind?.trim() || undefined,
    };
    const [page, rounds] = await Promise.all([
      this.contracts.list(
        actor,
        await validated(ListContractsQueryDto, {
          ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
          limit: 100,
          ...(query.cursor ? { cursor: query.cursor } : {}),
        }),
      ),
      this.rounds.list(actor, await validated(RoundQueryDto, { limit: 100 })),
    ]);
    const t = this.pages.translator(request.locale);
    await this.pages.render(request, reply, 'manage/contracts', {
      base: baseOf(request),
      contracts: page.items,
      nextCursor: page.nextCursor,
      rounds: rounds.items,
      kinds: CONTRACT_KINDS,
      statuses: CONTRACT_STATUSES,
      filters,
      valueChart: await valueChart(t, page.items),
    });
  }

  @Get(':id')
  @SignedInPage('programme_manager', 'sponsor')
  async contract(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    await this.renderContract(request, reply, uuidOrNotFound(id));
  }

  @Post(':id/move')
  @SignedInPage('programme_manager', 'sponsor')
  async move(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const contract = await this.contracts.get(actor, uuidOrNotFound(id));
    await submitForm(this.pages, request, reply, {
      fields: (t) => [{ field: 'reason', id: 'reason', label: t('contractsPage.reason') }],
      act: async (form) => {
        const dto = await validated(ContractTransitionDto, {
          to: form.to ?? '',
          ...reasonOf(form),
        });
        await this.transitions.transition(actor, contract.id, dto, versionOf(form));
        return `${baseOf(request)}/${contract.id}?moved=${dto.to}`;
      },
      again: (shown, status) => this.renderContract(request, reply, contract.id, shown, status),
    });
  }

  @Post(':id/payments')
  @SignedInPage('programme_manager', 'sponsor')
  async pay(@Req() request: WebRequest, @Res() reply: WebReply, @Param('id') id: string) {
    const actor = request.actor!;
    const contract = await this.contracts.get(actor, uuidOrNotFound(id));
    await submitForm(this.pages, request, reply, {
      fields: (t) => [
        { field: 'amount', id: 'amount', label: t('contractsPage.amount') },
        { field: 'paidOn', id: 'paidOn', label: t('teamPage.paidOn') },
        { field: 'reference', id: 'reference', label: t('teamPage.reference') },
      ],
      act: async (form) => {
        const dto = await validated(RecordContractPaymentDto, {
          amount: {
            amountMinor: minorUnits(form.amount),
            currency: contract.currentValue.currency,
          },
          paidOn: form.paidOn?.trim() ?? '',
          ...(form.reference?.trim() ? { reference: form.reference } : {}),
        });
        await this.payments.record(actor, contract.id, dto, versionOf(form));
        return `${baseOf(request)}/${contract.id}?paid=1`;
      },
      again: (shown, status) =>
        this.renderContract(request, reply, contract.id, { ...shown, paymentForm: true }, status),
    });
  }

  private async renderContract(
    request: WebRequest,
    reply: WebReply,
    id: string,
    extra: Partial<FormAgain> & { paymentForm?: boolean } = {},
    status = 200,
  ) {
    const contract: ContractView = await this.contracts.get(request.actor!, id);
    const query = request.query as Record<string, string>;
    await this.pages.render(
      request,
      reply,
      'manage/contract',
      {
        base: baseOf(request),
        contract,
        moves: contract.allowedTransitions,
        notice: query.moved ? 'moved' : query.paid ? 'paid' : null,
        moved: query.moved,
        values: {},
        ...extra,
      },
      status,
    );
  }
}

/** The value of the contracts listed that were won after the programme, per kind and currency. */
async function valueChart(t: Translate, contracts: ContractView[]) {
  const totals = new Map<string, { kind: string; currency: string; minor: number }>();
  for (const c of contracts.filter((c) => AFTER_THE_PROGRAMME.includes(c.kind))) {
    const key = `${c.kind}:${c.currentValue.currency}`;
    const entry = totals.get(key) ?? { kind: c.kind, currency: c.currentValue.currency, minor: 0 };
    entry.minor += c.currentValue.amountMinor;
    totals.set(key, entry);
  }
  const rows = [...totals.values()].map((e) => ({
    kind: `${t(`contractKind.${e.kind}`)} (${e.currency})`,
    value: e.minor / 100,
    currency: e.currency,
  }));
  return chartFigure({
    title: t('charts.contracts.title'),
    description: t('charts.contracts.description'),
    x: { field: 'kind', title: t('charts.contracts.kind') },
    y: { field: 'value', title: t('charts.contracts.value') },
    data: {
      title: t('charts.contracts.title'),
      columns: [
        { key: 'kind', label: t('charts.contracts.kind'), type: 'string' },
        { key: 'value', label: t('charts.contracts.value'), type: 'number' },
        { key: 'currency', label: t('charts.contracts.currency'), type: 'string' },
      ],
      rows,
    },
  });
}
