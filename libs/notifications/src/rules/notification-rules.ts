import type { EntityManager } from 'typeorm';
import { applicationRow, contractRow, membersOf, milestoneRow, user } from './audiences';
import type { Message, Recipient } from './message';
import { type RoutedEvent, formatMoney, longDate, wallClock } from './routed-event';

/** One group of people told one thing about one occasion. */
export interface Telling {
  recipients: Recipient[];
  message: Message;
}

/**
 * Who hears about what, when a domain event happens: the event names, whether the e-mail is
 * essential (sent whatever the person's preferences), and how to find the people and word
 * the message. Each event is its own occasion (the delivery key is rule, `<entity>:<id>`, the
 * event's id, person, channel), so a relayed-twice event tells each person once.
 *
 * Adding a rule is adding an entry here: the outbox subscription takes its event names from
 * this table. (Not yet here, waiting for its data: "report ready" to the requester, with
 * reports.)
 */
export interface NotificationRule {
  name: string;
  events: readonly string[];
  essential: boolean;
  tell(manager: EntityManager, event: RoutedEvent): Promise<Telling[]>;
}

const DECISIONS: Record<string, string> = {
  shortlisted: 'has been shortlisted',
  selected: 'has been selected',
  waitlisted: 'has been put on the waiting list',
  rejected: 'has not been successful this time',
  ineligible: 'has been found ineligible',
};

/** How a report's kind reads in a sentence. */
const REPORT_KINDS: Record<string, string> = {
  round_funnel: 'round funnel',
  cohort_progress: 'cohort progress',
  sponsor_digest: 'weekly sponsor digest',
  impact: 'impact',
};

interface FeedbackApplication {
  id: string;
  startup_organisation_id: string;
  challenge_title: string;
  company: string;
}

export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  {
    name: 'application-submitted',
    events: ['application.submitted'],
    essential: true,
    async tell(manager, event) {
      const app = await applicationRow(manager, event.entityId);
      if (!app) return [];
      return [
        {
          recipients: await membersOf(manager, [app.startup_organisation_id], 'startup_member'),
          message: {
            title: `Application received: ${app.challenge_title}`,
            paragraphs: [
              `We have received ${app.company}’s application to “${app.challenge_title}” (${app.round_name}).`,
              'There is nothing more you need to do now. We will tell you when a decision is made.',
            ],
            link: { path: `/applications/${app.id}`, label: 'See your application' },
          },
        },
      ];
    },
  },
  {
    name: 'application-decision',
    events: Object.keys(DECISIONS).map((to) => `application.${to}`),
    essential: true,
    async tell(manager, event) {
      const app = await applicationRow(manager, event.entityId);
      if (!app) return [];
      const to = event.action.slice('application.'.length);
      return [
        {
          recipients: await membersOf(manager, [app.startup_organisation_id], 'startup_member'),
          message: {
            title: `Decision on your application: ${app.challenge_title}`,
            paragraphs: [
              `${app.company}’s application to “${app.challenge_title}” ${DECISIONS[to]}.`,
              'You can read the details, and any reason given, on the application page.',
            ],
            link: { path: `/applications/${app.id}`, label: 'See the decision' },
          },
        },
      ];
    },
  },
  {
    name: 'deadline-moved',
    events: ['round.date_moved'],
    essential: true,
    async tell(manager, event) {
      if (event.data.field !== 'closesAt') return [];
      const [round]: { id: string; name: string; closes_at: Date; timezone: string }[] =
        await manager.query('SELECT id, name, closes_at, timezone FROM rounds WHERE id = $1', [
          event.entityId,
        ]);
      if (!round) return [];
      const orgs: { startup_organisation_id: string }[] = await manager.query(
        `SELECT DISTINCT startup_organisation_id FROM applications
          WHERE round_id = $1 AND status IN ('draft', 'submitted')`,
        [round.id],
      );
      return [
        {
          recipients: await membersOf(
            manager,
            orgs.map((o) => o.startup_organisation_id),
            'startup_member',
          ),
          message: {
            title: `The deadline for ${round.name} has moved`,
            paragraphs: [
              `Applications to ${round.name} now close on ${wallClock(round.closes_at, round.timezone)}.`,
              'Your draft or submitted application is not affected otherwise.',
            ],
            link: { path: `/rounds/${round.id}`, label: 'See the round' },
          },
        },
      ];
    },
  },
  {
    name: 'assessment-assigned',
    events: ['assessment.assigned'],
    essential: false,
    async tell(manager, event) {
      const assessorUserId = event.data.assessorUserId as string | undefined;
      if (!assessorUserId) return [];
      const [challenge]: { title: string }[] = await manager.query(
        'SELECT title FROM challenges WHERE id = $1',
        [event.data.challengeId],
      );
      return [
        {
          recipients: await user(manager, assessorUserId),
          message: {
            title: 'You have an application to assess',
            paragraphs: [
              `You have been asked to assess an application to “${challenge?.title ?? 'a challenge'}”.`,
            ],
            link: { path: `/assessments/${event.entityId}`, label: 'Start the assessment' },
          },
        },
      ];
    },
  },
  {
    name: 'milestone-submitted',
    events: ['milestone.submitted'],
    essential: false,
    async tell(manager, event) {
      const m = await milestoneRow(manager, event.entityId);
      if (!m) return [];
      return [
        {
          recipients: await membersOf(manager, [m.sponsor_organisation_id], 'sponsor'),
          message: {
            title: `Milestone ready for your review: ${m.title}`,
            paragraphs: [
              `${m.company} has submitted the milestone “${m.title}” for “${m.challenge_title}”.`,
              'Please accept it or ask for changes.',
            ],
            link: { path: `/milestones/${m.id}`, label: 'Review the milestone' },
          },
        },
      ];
    },
  },
  {
    name: 'milestone-reviewed',
    events: ['milestone.accepted', 'milestone.changes_requested'],
    essential: false,
    async tell(manager, event) {
      const m = await milestoneRow(manager, event.entityId);
      if (!m) return [];
      const accepted = event.action === 'milestone.accepted';
      return [
        {
          recipients: await membersOf(manager, [m.startup_organisation_id], 'startup_member'),
          message: {
            title: accepted
              ? `Milestone accepted: ${m.title}`
              : `Changes requested on a milestone: ${m.title}`,
            paragraphs: accepted
              ? [`The sponsor has accepted the milestone “${m.title}”.`]
              : [
                  `The sponsor has asked for changes to the milestone “${m.title}”.`,
                  ...(m.changes_requested_reason
                    ? [`They said: “${m.changes_requested_reason}”`]
                    : []),
                ],
            link: { path: `/milestones/${m.id}`, label: 'See the milestone' },
          },
        },
      ];
    },
  },
  {
    name: 'payment-recorded',
    events: ['milestone.paid'],
    essential: false,
    async tell(manager, event) {
      const m = await milestoneRow(manager, event.entityId);
      if (!m) return [];
      const amount = event.data.amount as { amountMinor: number; currency: string } | undefined;
      const money = amount ? formatMoney(amount) : 'The payment';
      return [
        {
          recipients: await membersOf(manager, [m.startup_organisation_id], 'startup_member'),
          message: {
            title: `Payment recorded: ${m.title}`,
            paragraphs: [
              `${money} for the milestone “${m.title}” was recorded as paid on ${longDate(String(event.data.paidOn))}.`,
            ],
            link: { path: `/milestones/${m.id}`, label: 'See the milestone' },
          },
        },
      ];
    },
  },
  {
    name: 'contract-awarded',
    events: ['contract.awarded'],
    essential: true,
    async tell(manager, event) {
      const c = await contractRow(manager, event.entityId);
      if (!c) return [];
      return [
        {
          recipients: await membersOf(manager, [c.startup_organisation_id], 'startup_member'),
          message: {
            title: `Contract awarded: ${c.title}`,
            paragraphs: [
              `${c.buyer} has awarded ${c.company} the contract “${c.title}” (reference ${c.reference}).`,
              awardTerms(c.starts_on, event),
            ],
            link: { path: `/contracts/${c.id}`, label: 'See the contract' },
          },
        },
      ];
    },
  },
  {
    // A programme manager may award for the buyer: the buyer hears what was done in its name.
    // When the buyer's own people award it they know already, so nobody is told twice.
    name: 'contract-awarded-for-buyer',
    events: ['contract.awarded'],
    essential: true,
    async tell(manager, event) {
      if (event.data.onBehalfOf !== 'buyer') return [];
      const c = await contractRow(manager, event.entityId);
      if (!c) return [];
      return [
        {
          recipients: await membersOf(manager, [c.buyer_organisation_id], 'sponsor'),
          message: {
            title: `Contract awarded for ${c.buyer}: ${c.title}`,
            paragraphs: [
              `The programme team has awarded ${c.company} the contract “${c.title}” (reference ${c.reference}) on behalf of ${c.buyer}.`,
              awardTerms(c.starts_on, event),
            ],
            link: { path: `/contracts/${c.id}`, label: 'See the contract' },
          },
        },
      ];
    },
  },
  {
    // The requester (a person), or every sponsor member of the organisation a weekly digest
    // was built for.
    name: 'report-ready',
    events: ['report.ready'],
    essential: false,
    async tell(manager, event) {
      const data = event.data as {
        kind?: string;
        requesterUserId?: string | null;
        requesterOrganisationId?: string | null;
        expiresAt?: string;
      };
      const recipients = data.requesterUserId
        ? await user(manager, data.requesterUserId)
        : await membersOf(
            manager,
            data.requesterOrganisationId ? [data.requesterOrganisationId] : [],
            'sponsor',
          );
      const kind = REPORT_KINDS[data.kind ?? ''] ?? 'requested';
      return [
        {
          recipients,
          message: {
            title: `Your ${kind} report is ready`,
            paragraphs: [
              `The ${kind} report has been built.`,
              ...(data.expiresAt
                ? [`You can download it until ${longDate(data.expiresAt.slice(0, 10))}.`]
                : []),
            ],
            link: { path: `/reports/${event.entityId}`, label: 'Download the report' },
          },
        },
      ];
    },
  },
  {
    // Each company whose application's feedback was released hears about its own only.
    name: 'feedback-released',
    events: ['challenge.feedback_released'],
    essential: true,
    async tell(manager, event) {
      const ids = (event.data.applicationIds as string[] | undefined) ?? [];
      if (!ids.length) return [];
      const apps: FeedbackApplication[] = await manager.query(
        `SELECT a.id, a.startup_organisation_id, c.title AS challenge_title, o.name AS company
           FROM applications a
           JOIN challenges c ON c.id = a.challenge_id
           JOIN organisations o ON o.id = a.startup_organisation_id
          WHERE a.id = ANY($1::uuid[])
          ORDER BY a.id`,
        [ids],
      );
      const tellings: Telling[] = [];
      for (const app of apps) {
        tellings.push({
          recipients: await membersOf(manager, [app.startup_organisation_id], 'startup_member'),
          message: {
            title: `Feedback on your application: ${app.challenge_title}`,
            paragraphs: [
              `Feedback on ${app.company}’s application to “${app.challenge_title}” is ready: the scores per criterion, the assessors’ comments and the reason for the decision.`,
            ],
            link: { path: `/applications/${app.id}/feedback`, label: 'Read the feedback' },
          },
        });
      }
      return tellings;
    },
  },
];

/** "It is worth £10,000.00 and runs from … to …": the figures the award event recorded. */
function awardTerms(startsOn: string, event: RoutedEvent): string {
  const value = event.data.currentValue as { amountMinor: number; currency: string } | undefined;
  const endsOn = event.data.currentEndsOn as string | undefined;
  const runs = endsOn
    ? `runs from ${longDate(startsOn)} to ${longDate(endsOn)}`
    : `starts on ${longDate(startsOn)}`;
  return value ? `It is worth ${formatMoney(value)} and ${runs}.` : `It ${runs}.`;
}

/** Every event some rule speaks of. */
export const NOTIFIED_EVENTS: readonly string[] = [
  ...new Set(NOTIFICATION_RULES.flatMap((r) => r.events)),
];
