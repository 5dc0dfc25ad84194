// Every sentence the UI Kit surfaces show, once. Components import from here and never
// spell user-facing text themselves (tests/ui/messages.test.ts checks both).
import type { LinkSource, SyncOutcome } from '../../shared/contract';
import { STATUS_LABEL } from './status';

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

export const messages = {
  common: {
    loading: 'Loading',
    retry: 'Retry',
    cancel: 'Cancel',
    errorTitle: 'Something went wrong',
    openTimecardPage: 'Open Timecard sync',
    reconnectTitle: 'Reconnect your timecard account',
    reconnectBody:
      'The timecard server no longer accepts your sign-in. Sign in again on the Timecard sync page; nothing is lost.',
    notAvailable: '—',
    yes: 'On',
    no: 'Off',
  },

  panel: {
    notConnectedTitle: 'Connect your timecard account',
    notConnectedBody:
      'This panel shows your timecard records for this issue and logs them as Jira worklogs. Sign in to your timecard account once on the Timecard sync page.',
    periodLabel: 'Period',
    periodOption: (days: number) => `Last ${days} days`,
    details: 'Details',
    unreadableTitle: 'A timecard record could not be read',
    dismiss: 'Dismiss',
    hideDetails: 'Hide details',
    arrow: '→',
    showMore: (next: number, left: number) => `Show ${next} more (${left} not shown)`,
    totalsTracked: (time: string) => `Tracked ${time}`,
    totalsLogged: (time: string) => `Logged ${time}`,
    totalsNotLogged: (time: string) => `Not yet logged ${time}`,
    logAll: (count: number) => `Log all not synced (${count})`,
    logAllTitle: 'Log all not synced records?',
    logAllBody: (count: number, time: string) =>
      `This creates ${plural(count, 'worklog', 'worklogs')} in Jira, ${time} in total, with you as the author.`,
    logAllConfirm: (count: number) => `Create ${plural(count, 'worklog', 'worklogs')}`,
    logAllProgress: (done: number, total: number) => `Logging ${done} of ${total}…`,
    logAllProgressLabel: 'Logging progress',
    summaryTitle: 'Log all finished',
    summary: (counts: Record<SyncOutcome, number>) =>
      [
        counts.created > 0 ? `${counts.created} created` : null,
        counts.updated > 0 ? `${counts.updated} updated` : null,
        counts.unchanged > 0 ? `${counts.unchanged} unchanged` : null,
        counts.skipped > 0 ? `${counts.skipped} skipped` : null,
        counts.failed > 0 ? `${counts.failed} failed` : null,
      ]
        .filter((part): part is string => part !== null)
        .join(', ') || 'Nothing to log.',
    summaryStopped: (done: number, total: number) => `Stopped after ${done} of ${total}.`,
    emptyTitle: (days: number) => `No timecard records for this issue in the last ${days} days`,
    emptyHint: (issueKey: string) =>
      `To link a record, put ${issueKey} in the record's Jira field in your timecard, or mention ${issueKey} in its notes.`,
    projectDisabled: 'Logging from timecard is turned off for this project.',
    actionFailedTitle: 'That did not work',
    action: {
      log: 'Log',
      resync: 'Re-sync',
      acceptLog: 'Accept and log',
      unlog: 'Unlog',
      linkHere: 'Link here',
      unlink: 'Unlink',
      keepJira: "Keep Jira's",
      keepTimecard: "Keep the timecard's",
      removeWorklog: 'Remove the worklog',
      keepWorklog: 'Keep it',
    },
    conflictTitle: 'Changed in both places: which one stays?',
    conflictJira: 'In Jira',
    conflictTimecard: 'In your timecard',
    conflictStart: (when: string) => `Start: ${when}`,
    conflictTime: (time: string) => `Time: ${time}`,
    conflictComment: (text: string) => `Comment: ${text || '(none)'}`,
    keptJira: "Kept Jira's version; nothing was written to Jira.",
    removeWorklogTitle: 'Remove this worklog from Jira?',
    removeWorklogBody: (time: string) =>
      `The record is no longer in your timecard. This deletes its worklog in Jira (${time}); it cannot be logged again from the timecard.`,
    keptWorklog: 'The worklog stays in Jira. This record is no longer shown.',
    unlogTitle: 'Delete this worklog?',
    unlogBody: (time: string) =>
      `This deletes the worklog in Jira (${time}). The record stays in your timecard and you can log it again.`,
    unlogConfirm: 'Delete worklog',
    running: 'running',
    nextDay: '(+1 day)',
    skipped: (reason: string) => `Not logged: ${reason}`,
    outcome: {
      unchanged: 'Already up to date in Jira.',
      skipped: 'Not logged.',
      failed: 'Could not log.',
    } satisfies Partial<Record<SyncOutcome, string>>,
  },

  /** The words of each record status: one source for the panel and the global page (./status.ts). */
  status: STATUS_LABEL,

  linkSource: {
    timecard: 'Linked in timecard',
    jira: 'Linked here',
    suggested: 'Suggested',
    none: 'Not linked',
  } satisfies Record<LinkSource | 'none', string>,

  settings: {
    projectTitle: (projectKey: string) => `Timecard for ${projectKey}`,
    projectIntro: 'How timecard records become worklogs in this project.',
    readOnlyTitle: 'You can view these settings',
    readOnlyDefault: 'Only project administrators can change these settings.',
    enabled: 'Log from timecard in this project',
    roundingMode: 'Rounding',
    roundingModes: { nearest: 'To the nearest increment', up: 'Always up', down: 'Always down' },
    roundingIncrement: 'Rounding increment',
    incrementOption: (minutes: number) => (minutes === 1 ? '1 minute (no rounding)' : `${minutes} minutes`),
    minimum: 'Minimum duration (minutes)',
    minimumHelp: 'Records shorter than this are not logged.',
    minimumInvalid: (max: number) => `Enter a whole number of minutes from 0 to ${max}.`,
    commentTemplate: 'Worklog comment',
    commentTemplateHelp: (placeholders: string) => `Placeholders: ${placeholders}. Empty results fall back to domain / category / title.`,
    previewLabel: 'Preview on a sample record',
    estimatePolicy: 'Remaining estimate',
    estimatePolicies: { auto: 'Reduce it automatically', leave: 'Leave it unchanged' },
    notifyWatchers: 'Notify watchers when a worklog is added',
    domains: 'Timecard domains that suggest this project',
    /** The same fields as site defaults (the admin page): about the site's projects, not one project. */
    site: {
      enabled: 'Log from timecard in projects on this site',
      domains: 'Timecard domains that suggest a project on this site',
    },
    domainsHelp: 'Separate with commas, for example: Acme, Support.',
    save: 'Save',
    saved: 'Settings saved.',
    saveFailedTitle: 'Settings were not saved',
    fixErrors: 'Fix the fields marked below; nothing was saved.',
    impactTitle: 'This changes worklogs already logged',
    impactBody: (affected: number, complete: boolean) =>
      `With these settings, ${complete ? '' : 'at least '}${plural(affected, 'worklog', 'worklogs')} already logged in this project would be written differently (their time or comment). They keep what they say now unless you update them.`,
    impactUnknown: (count: number) =>
      `${plural(count, 'older worklog was', 'older worklogs were')} logged by an earlier version of the app and cannot be checked; they stay as they are.`,
    impactUpdate: (count: number) => `Also update the ${plural(count, 'worklog', 'worklogs')} already logged`,
    impactUpdateHelp: 'They are updated in Jira by you and keep their authors; a worklog someone edited in Jira is left alone.',
    impactConfirm: 'Save settings',
    updateProgress: (done: number, total: number) => `Updating worklogs already logged: ${done} of ${total}…`,
    updateProgressLabel: 'Progress of the worklog update',
    updateDoneTitle: 'Worklogs updated',
    updateDone: (updated: number, leftAlone: number) =>
      `${plural(updated, 'worklog was', 'worklogs were')} updated to the new settings.${leftAlone > 0 ? ` ${plural(leftAlone, 'worklog was', 'worklogs were')} edited or deleted in Jira and left alone.` : ''}`,
    updateFailedTitle: 'Some worklogs were not updated',
    updateFailed: (issueKey: string, message: string) => `${issueKey}: ${message}`,
    updateStalled: 'Other syncs kept these worklogs busy; save again later to update the rest.',
  },

  autoSync: {
    heading: 'Automatic logging',
    allowed: 'People may have their finished records of this project logged automatically',
    help: 'When off, automatic logging leaves this project’s records alone; people log them themselves.',
    readOnly: (allowed: boolean) =>
      allowed ? 'People may have their records of this project logged automatically.' : 'Automatic logging is turned off for this project.',
    saveFailed: 'The change was not saved',
  },

  admin: {
    title: 'Timecard for Jira',
    serverHeading: 'Timecard server',
    serverUrl: 'Server address',
    reachable: 'Reachable',
    unreachable: 'Not reachable',
    latency: (ms: number) => `answered in ${ms} ms`,
    notConfiguredTitle: 'No timecard server is configured',
    notConfiguredBody:
      'Set the Forge variable TIMECARD_URL to the server address (forge variables set TIMECARD_URL https://…), allow its host as backend egress in the manifest, and deploy again.',
    checkAgain: 'Check again',
    defaultsHeading: 'Defaults for new projects',
    defaultsIntro: 'Projects start from these settings until a project administrator changes them.',
    adminsOnly: 'Only Jira administrators can change the site defaults.',
    healthAdminsOnly: 'Only Jira administrators see whether the timecard server answers.',
  },
} as const;
