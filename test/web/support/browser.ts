import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { apiAndWeb } from '../../../apps/quickstart/src/api-and-web';
import type { Harness } from '../../support/harness';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Generous but bounded: a busy 2-core machine renders slowly, but never this slowly. */
export const WAIT_MS = 20_000;

/** The WCAG 2.2 AA rules axe checks on every page a test visits. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every page a browser test visited, with its axe result (the note lists them). */
export const visited: { url: string; violations: number }[] = [];

/** The whole application at one address (as npm start serves it), and a headless Chromium. */
export class BrowserStack {
  browser!: Browser;
  baseUrl!: string;
  private close?: () => Promise<void>;

  constructor(private readonly h: Harness) {}

  static available(): boolean {
    return existsSync(CHROMIUM);
  }

  /** `port` 0 picks a free one; a fixed one when PUBLIC_URL must name it (single sign-on). */
  async start(port = 0): Promise<void> {
    const served = await apiAndWeb(this.h.config, {
      clock: this.h.clock,
      queuePrefix: this.h.queuePrefix,
    });
    await new Promise<void>((resolve) => served.server.listen(port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(served.server.address() as AddressInfo).port}`;
    this.close = served.close;
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: WAIT_MS * 3,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
  }

  async context(options: { javaScriptEnabled?: boolean; locale?: string } = {}) {
    const context = await this.browser.newContext({ baseURL: this.baseUrl, ...options });
    if (options.javaScriptEnabled === false) withoutScripts.add(context);
    context.setDefaultTimeout(WAIT_MS);
    context.setDefaultNavigationTimeout(WAIT_MS);
    return context;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.close?.();
  }
}

/** Contexts with JavaScript off: axe cannot run there (the same pages are checked with it on). */
const withoutScripts = new WeakSet<BrowserContext>();

/** Runs axe (WCAG 2.2 AA) on the page as it is; fails with the violations, if any. */
export async function expectAccessible(page: Page): Promise<void> {
  if (withoutScripts.has(page.context())) return;
  const result = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  visited.push({ url: new URL(page.url()).pathname, violations: result.violations.length });
  const summary = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect({ url: page.url(), violations: summary }).toEqual({ url: page.url(), violations: [] });
}

export type { BrowserContext, Page };
