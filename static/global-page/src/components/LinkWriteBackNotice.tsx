// What writing a link back to the timecard did, after a link made on this page (only for people who turned it on).
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { writeBackNeedsAttention, type LinkWriteBack } from '../../../../src/shared/contract';
import { useMessages } from '../messages';

export function LinkWriteBackNotice({ notice, onDismiss }: { notice: LinkWriteBack; onDismiss: () => void }) {
  const m = useMessages();
  return (
    <div className="tc-write-back-notice" role="status">
      <SectionMessage
        appearance={writeBackNeedsAttention(notice.outcome) ? 'warning' : 'success'}
        title={m.t(`writeBack.noticeTitle.${notice.outcome}`)}
        actions={[
          <SectionMessageAction key="dismiss" onClick={onDismiss}>
            {m.t('writeBack.dismiss')}
          </SectionMessageAction>,
        ]}
      >
        <p>{notice.message}</p>
      </SectionMessage>
    </div>
  );
}
