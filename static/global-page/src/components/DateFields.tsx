// From / to date pickers for a custom range. Loaded on demand (Atlaskit calendar + select).
import { useState } from 'react';
import { DatePicker } from '@atlaskit/datetime-picker';
import { useEnv } from '../env';
import type { DayKey } from '../format';

export default function DateFields({
  from,
  to,
  onChange,
}: {
  from: DayKey | null;
  to: DayKey | null;
  onChange: (from: DayKey, to: DayKey) => void;
}) {
  const { locale, weekStart, today } = useEnv();
  const [draftFrom, setDraftFrom] = useState(from ?? today);
  const [draftTo, setDraftTo] = useState(to ?? today);
  const weekStartDay = (weekStart % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  const apply = (f: DayKey, t: DayKey) => {
    if (!f || !t) return;
    onChange(f <= t ? f : t, f <= t ? t : f);
  };
  return (
    <div className="tc-date-fields">
      <div className="tc-date-field">
        <DatePicker
          id="tc-range-from"
          label="From date"
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
      <span className="tc-subtle">to</span>
      <div className="tc-date-field">
        <DatePicker
          id="tc-range-to"
          label="To date"
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
    </div>
  );
}
