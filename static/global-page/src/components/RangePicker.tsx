// Preset buttons plus, for "Custom", two date pickers (lazy: the calendar only loads when asked for).
import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import type { DayKey } from '../format';
import { LoadBoundary, reloadableLazy } from '../loadable';
import { useMessages } from '../messages';

const DateFields = reloadableLazy(() => import('./DateFields'));

export interface RangeValue<P extends string> {
  preset: P;
  from: DayKey | null;
  to: DayKey | null;
}

export function RangePicker<P extends string>({
  label,
  presets,
  value,
  onPreset,
  onCustom,
}: {
  label: string;
  presets: readonly { id: P; label: string }[];
  value: RangeValue<P>;
  onPreset: (preset: P) => void;
  onCustom: (from: DayKey, to: DayKey) => void;
}) {
  const m = useMessages();
  return (
    <div className="tc-range" role="group" aria-label={label}>
      <div className="tc-segmented">
        {presets.map((p) => (
          <Button key={p.id} spacing="compact" isSelected={value.preset === p.id} aria-pressed={value.preset === p.id} onClick={() => onPreset(p.id)}>
            {p.label}
          </Button>
        ))}
      </div>
      {value.preset === 'custom' ? (
        <LoadBoundary
          failedTitle={m.t('load.datePickers')}
          onRetry={DateFields.retry}
          fallback={<Spinner size="small" label={m.t('load.loadingDatePickers')} />}
        >
          <DateFields from={value.from} to={value.to} onChange={onCustom} />
        </LoadBoundary>
      ) : null}
    </div>
  );
}
