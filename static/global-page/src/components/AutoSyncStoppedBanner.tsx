// Automatic logging stopped for the person (Jira would not act for them, or the timecard session
// ended): said above every other tab until they turn it on again on the Automatic tab, with the way there.
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useMessages } from '../messages';

export function AutoSyncStoppedBanner({ message, onOpen }: { message: string; onOpen: () => void }) {
  const m = useMessages();
  return (
    <div className="tc-page-banner" role="alert" data-testid="auto-sync-stopped-banner">
      <SectionMessage
        appearance="warning"
        title={m.t('banner.autoSyncStopped')}
        actions={[
          <SectionMessageAction key="open" onClick={onOpen}>
            {m.t('banner.openAutomatic')}
          </SectionMessageAction>,
        ]}
      >
        <p>{message}</p>
        <p>{m.t('banner.untilOnAgain')}</p>
      </SectionMessage>
    </div>
  );
}
