import { APPLICATION_STATUSES } from '@catalyst/applications';
import { chartFigure } from './charts';
import type { Translate } from './page-renderer';

/** Stages an application is at once submitted (a draft is the company's own, never counted). */
const STAGES = APPLICATION_STATUSES.filter((s) => s !== 'draft');

/** The funnel of one challenge: its applications at each stage, from those the caller sees. */
export function funnelChart(t: Translate, applications: { status: string }[]) {
  const counted = applications.filter((a) => a.status !== 'draft');
  const rows = STAGES.map((stage) => ({
    stage: t(`status.${stage}`),
    applications: counted.filter((a) => a.status === stage).length,
  })).filter((row) => row.applications > 0);
  return chartFigure({
    title: t('charts.funnel.title'),
    description: t('charts.funnel.description'),
    x: { field: 'stage', title: t('charts.funnel.stage'), sort: rows.map((r) => r.stage) },
    y: { field: 'applications', title: t('charts.funnel.applications') },
    data: {
      title: t('charts.funnel.title'),
      columns: [
        { key: 'stage', label: t('charts.funnel.stage'), type: 'string' },
        { key: 'applications', label: t('charts.funnel.applications'), type: 'integer' },
      ],
      rows,
    },
  });
}
