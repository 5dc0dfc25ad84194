// From / to date pickers for a custom range. Loaded on demand (Atlaskit calendar + select).
import { useState } from 'react';
import { DatePicker } from '@atlaskit/datetime-picker';
import { useEnv } from '../env';
import { formatDayHeading, type DayKey } from '../format';
import { useMessages } from '../messages';

export default function DateFields({ from, to, onChange }: { from: DayKey | null; to: DayKey | null; onChange: (from: DayKey, to: DayKey) => void }) {
  const { locale, weekStart, today } = useEnv();
  const m = useMessages();
  const [draftFrom, setDraftFrom] = useState(from ?? today);
  const [draftTo, setDraftTo] = useState(to ?? today);
  const weekStartDay = (weekStart % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  // A range that ends before it starts is refused (the fields keep what the person chose, so they can mend it).
  const reversed = Boolean(draftFrom && draftTo && draftFrom > draftTo);
  const apply = (f: DayKey, t: DayKey) => {
    if (!f || !t || f > t) return;
    onChange(f, t);
  };
  return (
    <div className="tc-date-fields">
      <div className="tc-date-field">
        <DatePicker
          id="tc-range-from"
          label={m.t('dates.from')}
          locale={locale}
          weekStartDay={weekStartDay}
          value={draftFrom}
          onChange={(v) => {
            setDraftFrom(v);
            apply(v, draftTo);
          }}
          spacing="compact"
        />
      </div>
      <span className="tc-subtle">{m.t('dates.between')}</span>
      <div className="tc-date-field">
        <DatePicker
          id="tc-range-to"
          label={m.t('dates.to')}
          locale={locale}
          weekStartDay={weekStartDay}
          value={draftTo}
          onChange={(v) => {
            setDraftTo(v);
            apply(draftFrom, v);
          }}
          spacing="compact"
        />
      </div>
      {reversed ? (
        <p className="tc-field-error" role="alert">
          {m.t('dates.reversed', { from: formatDayHeading(draftFrom, locale), to: formatDayHeading(draftTo, locale) })}
        </p>
      ) : null}
    </div>
  );
}
