// Every sentence the UI Kit surfaces show, by its key in the resource files (locales/*.json, the
// manifest's `translations`). Components take them from useMessages() (./i18n.tsx) and never spell
// user-facing text themselves (tests/ui/messages.test.ts checks both). `messages` is the English
// set, from the default resource file: what a surface shows outside a LocalizedSurface.
import type { LinkSource, RecordStatus, SyncOutcome } from '../../shared/contract';
import { createFormatter, durationInWords, valueAt, type Formatter } from '../../shared/i18n/formatter';
import { sayWith, type LocalizedText } from '../../domain/localizedText';
import { DEFAULT_LOCALE } from '../../shared/i18n/locales';
import english from '../../../locales/en-US.json';
import { STATUS_LABEL } from './status';

const RECORD_STATUSES = Object.keys(STATUS_LABEL) as RecordStatus[];
const LINK_SOURCES = ['timecard', 'jira', 'suggested', 'none'] as const satisfies readonly (LinkSource | 'none')[];
const OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const satisfies readonly SyncOutcome[];
const PANEL_ACTIONS = [
  'log',
  'resync',
  'acceptLog',
  'unlog',
  'linkHere',
  'unlink',
  'keepJira',
  'keepTimecard',
  'removeWorklog',
  'keepWorklog',
] as const;

const byKey = <K extends string>(keys: readonly K[], text: (key: K) => string) =>
  Object.fromEntries(keys.map((key) => [key, text(key)])) as Record<K, string>;

/** A duration in the locale's words, or "not available" for none. */
function durationIn(f: Formatter) {
  return (seconds: number | null | undefined): string =>
    seconds === null || seconds === undefined || !Number.isFinite(seconds)
      ? f.text('common.notAvailable')
      : durationInWords(seconds, (unit, params) => f.text(`common.duration.${unit}`, params));
}

export function createMessages(f: Formatter, lookup: (key: string) => string | null) {
  const t = f.text;
  const list = new Intl.ListFormat(f.textLocale, { type: 'unit', style: 'short' });
  return {
    locale: f.formatLocale,
    /** A sentence the domain words by its resource key (a settings problem). */
    say: (text: LocalizedText) => sayWith(text, lookup, f.textLocale, f.formatLocale),
    common: {
      loading: t('common.loading'),
      retry: t('common.retry'),
      cancel: t('common.cancel'),
      errorTitle: t('common.errorTitle'),
      openTimecardPage: t('common.openTimecardPage'),
      reconnectTitle: t('common.reconnectTitle'),
      reconnectBody: t('common.reconnectBody'),
      notAvailable: t('common.notAvailable'),
      yes: t('common.yes'),
      no: t('common.no'),
      duration: durationIn(f),
    },

    panel: {
      notConnectedTitle: t('panel.notConnectedTitle'),
      notConnectedBody: t('panel.notConnectedBody'),
      periodLabel: t('panel.periodLabel'),
      periodOption: (days: number) => f.plural('panel.periodOption', days),
      details: t('panel.details'),
      unreadableTitle: t('panel.unreadableTitle'),
      dismiss: t('panel.dismiss'),
      hideDetails: t('panel.hideDetails'),
      arrow: t('panel.arrow'),
      showMore: (next: number, left: number) => t('panel.showMore', { next, left }),
      totalsTracked: (time: string) => t('panel.totalsTracked', { time }),
      totalsLogged: (time: string) => t('panel.totalsLogged', { time }),
      totalsNotLogged: (time: string) => t('panel.totalsNotLogged', { time }),
      logAll: (count: number) => t('panel.logAll', { count }),
      logAllTitle: t('panel.logAllTitle'),
      logAllBody: (count: number, time: string) => f.plural('panel.logAllBody', count, { time }),
      logAllConfirm: (count: number) => f.plural('panel.logAllConfirm', count),
      logAllProgress: (done: number, total: number) => t('panel.logAllProgress', { done, total }),
      logAllProgressLabel: t('panel.logAllProgressLabel'),
      summaryTitle: t('panel.summaryTitle'),
      summary: (counts: Record<SyncOutcome, number>) => {
        const parts = OUTCOMES.filter((outcome) => counts[outcome] > 0).map((outcome) =>
          t(`panel.summaryPart.${outcome}`, { count: counts[outcome] }),
        );
        return parts.length > 0 ? list.format(parts) : t('panel.summaryNothing');
      },
      summaryStopped: (done: number, total: number) => t('panel.summaryStopped', { done, total }),
      emptyTitle: (days: number) => f.plural('panel.emptyTitle', days),
      emptyHint: (issueKey: string) => t('panel.emptyHint', { issueKey }),
      projectDisabled: t('panel.projectDisabled'),
      actionFailedTitle: t('panel.actionFailedTitle'),
      action: byKey(PANEL_ACTIONS, (action) => t(`panel.action.${action}`)),
      conflictTitle: t('panel.conflictTitle'),
      conflictJira: t('panel.conflictJira'),
      conflictTimecard: t('panel.conflictTimecard'),
      conflictStart: (when: string) => t('panel.conflictStart', { when }),
      conflictTime: (time: string) => t('panel.conflictTime', { time }),
      conflictComment: (text: string) => (text ? t('panel.conflictComment', { text }) : t('panel.conflictNoComment')),
      keptJira: t('panel.keptJira'),
      removeWorklogTitle: t('panel.removeWorklogTitle'),
      removeWorklogBody: (time: string) => t('panel.removeWorklogBody', { time }),
      keptWorklog: t('panel.keptWorklog'),
      keptTimecard: t('panel.keptTimecard'),
      removedWorklog: t('panel.removedWorklog'),
      retries: {
        willRetryAt: (at: string) => t('panel.retries.willRetryAt', { at }),
        cancel: t('panel.retries.cancel'),
        cancelled: t('panel.retries.cancelled'),
      },
      unlogTitle: t('panel.unlogTitle'),
      unlogBody: (time: string) => t('panel.unlogBody', { time }),
      unlogConfirm: t('panel.unlogConfirm'),
      running: t('panel.running'),
      nextDay: t('panel.nextDay'),
      skipped: (reason: string) => t('panel.skipped', { reason }),
      outcome: {
        unchanged: t('panel.outcome.unchanged'),
        skipped: t('panel.outcome.skipped'),
        failed: t('panel.outcome.failed'),
      } satisfies Partial<Record<SyncOutcome, string>>,
    },

    /** The words of each record status (the global page reads the same keys). */
    status: byKey(RECORD_STATUSES, (status) => t(`common.status.${status}`)),

    linkSource: byKey(LINK_SOURCES, (source) => t(`common.linkSource.${source}`)),

    autoSync: {
      heading: t('settings.autoSync.heading'),
      allowed: t('settings.autoSync.allowed'),
      help: t('settings.autoSync.help'),
      readOnly: (allowed: boolean) => (allowed ? t('settings.autoSync.readOnlyAllowed') : t('settings.autoSync.readOnlyForbidden')),
      saveFailed: t('settings.autoSync.saveFailed'),
    },

    settings: {
      projectTitle: (projectKey: string) => t('settings.projectTitle', { projectKey }),
      projectIntro: t('settings.projectIntro'),
      readOnlyTitle: t('settings.readOnlyTitle'),
      readOnlyDefault: t('settings.readOnlyDefault'),
      enabled: t('settings.enabled'),
      roundingMode: t('settings.roundingMode'),
      roundingModes: { nearest: t('settings.roundingModes.nearest'), up: t('settings.roundingModes.up'), down: t('settings.roundingModes.down') },
      roundingIncrement: t('settings.roundingIncrement'),
      incrementOption: (minutes: number) => (minutes === 1 ? t('settings.incrementNone') : f.plural('settings.incrementMinutes', minutes)),
      minimum: t('settings.minimum'),
      minimumHelp: t('settings.minimumHelp'),
      minimumInvalid: (max: number) => t('settings.minimumInvalid', { max }),
      commentTemplate: t('settings.commentTemplate'),
      commentTemplateHelp: (placeholders: string) => t('settings.commentTemplateHelp', { placeholders }),
      previewLabel: t('settings.previewLabel'),
      estimatePolicy: t('settings.estimatePolicy'),
      estimatePolicies: { auto: t('settings.estimatePolicies.auto'), leave: t('settings.estimatePolicies.leave') },
      notifyWatchers: t('settings.notifyWatchers'),
      domains: t('settings.domains'),
      /** The same fields as site defaults (the admin page): about the site's projects, not one project. */
      site: {
        enabled: t('settings.site.enabled'),
        domains: t('settings.site.domains'),
      },
      domainsHelp: t('settings.domainsHelp'),
      save: t('settings.save'),
      saved: t('settings.saved'),
      saveFailedTitle: t('settings.saveFailedTitle'),
      fixErrors: t('settings.fixErrors'),
      impactTitle: t('settings.impactTitle'),
      impactBody: (affected: number, complete: boolean) => f.plural(complete ? 'settings.impactBody' : 'settings.impactBodyAtLeast', affected),
      impactUnknown: (count: number) => f.plural('settings.impactUnknown', count),
      impactUpdate: (count: number) => f.plural('settings.impactUpdate', count),
      impactUpdateHelp: t('settings.impactUpdateHelp'),
      impactConfirm: t('settings.impactConfirm'),
      updateProgress: (done: number, total: number) => t('settings.updateProgress', { done, total }),
      updateProgressLabel: t('settings.updateProgressLabel'),
      updateDoneTitle: t('settings.updateDoneTitle'),
      /** Two sentences: how many were updated, and (when any) how many were left alone. */
      updateDone: (updated: number, leftAlone: number) =>
        [f.plural('settings.updateDone', updated), leftAlone > 0 ? f.plural('settings.updateLeftAlone', leftAlone) : null]
          .filter((sentence): sentence is string => sentence !== null)
          .join(' '),
      updateFailedTitle: t('settings.updateFailedTitle'),
      updateFailed: (issueKey: string, message: string) => t('settings.updateFailed', { issueKey, message }),
      updateStalled: t('settings.updateStalled'),
    },

    admin: {
      title: t('admin.title'),
      serverHeading: t('admin.serverHeading'),
      serverUrl: t('admin.serverUrl'),
      reachable: t('admin.reachable'),
      unreachable: t('admin.unreachable'),
      latency: (ms: number) => t('admin.latency', { ms }),
      notConfiguredTitle: t('admin.notConfiguredTitle'),
      notConfiguredBody: t('admin.notConfiguredBody'),
      checkAgain: t('admin.checkAgain'),
      defaultsHeading: t('admin.defaultsHeading'),
      defaultsIntro: t('admin.defaultsIntro'),
      adminsOnly: t('admin.adminsOnly'),
      healthAdminsOnly: t('admin.healthAdminsOnly'),
    },
  };
}

export type Messages = ReturnType<typeof createMessages>;

const englishLookup = (key: string) => valueAt(english, key);
const englishMessages = createMessages(createFormatter({ textLocale: DEFAULT_LOCALE, lookup: englishLookup }), englishLookup);

/** English: the default resource file; its status words are the global page's STATUS_LABEL (tests/ui/messages.test.ts). */
export const messages: Messages = { ...englishMessages, status: STATUS_LABEL };
