// A native checkbox styled with design tokens (@atlaskit/checkbox is not among the installed packages).
import { useEffect, useRef, type ChangeEvent } from 'react';

export function Checkbox({
  label,
  checked,
  indeterminate = false,
  disabled = false,
  onChange,
}: {
  label: string;
  checked: boolean;
  indeterminate?: boolean;
  disabled?: boolean;
  onChange: (checked: boolean, shiftKey: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="tc-checkbox"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.checked, Boolean((e.nativeEvent as MouseEvent).shiftKey))}
    />
  );
}
