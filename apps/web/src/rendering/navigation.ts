import type { Actor } from '@catalyst/identity';

/** The header's links for who is signed in (each person sees the areas of their roles). */
export function navigationFor(
  actor: Actor | undefined,
  currentPath: string,
  t: (key: string, options?: Record<string, unknown>) => string,
  unread = 0,
): { href: string; text: string; active: boolean }[] {
  const items: { href: string; key: string }[] = [{ href: '/challenges', key: 'nav.challenges' }];
  if (actor?.hasRole('startup_member')) items.push({ href: '/dashboard', key: 'nav.dashboard' });
  if (actor?.hasRole('assessor')) items.push({ href: '/assessments', key: 'nav.assessments' });
  if (actor?.isProgrammeManager) items.push({ href: '/manage', key: 'nav.manage' });
  if (actor?.hasRole('sponsor')) items.push({ href: '/sponsor', key: 'consoleNav.sponsor' });
  if (actor?.isProgrammeManager || actor?.hasRole('sponsor'))
    items.push({ href: '/reports', key: 'consoleNav.reports' });
  if (actor?.hasRole('startup_member')) items.push({ href: '/teams', key: 'startupNav.teams' });
  if (actor) {
    items.push({
      href: '/notifications',
      key: unread ? 'startupNav.notificationsUnread' : 'startupNav.notifications',
    });
  }
  if (actor) items.push({ href: '/account', key: 'nav.account' });
  return items.map((item) => ({
    href: item.href,
    text: t(item.key, { count: unread }),
    active: currentPath === item.href || currentPath.startsWith(`${item.href}/`),
  }));
}
