// A Toggle named by its visible text. The Atlaskit toggle wraps its input in a <label> of its own,
// so a UI Kit Label pointing at it would be a second label (axe: form-field-multiple-labels);
// the toggle's `label` prop names the input instead, and the same words are shown beside it.
import React from 'react';
import { Inline, Text, Toggle } from '@forge/react';

export function LabelledToggle(props: { id: string; label: string; isChecked: boolean; isDisabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <Inline space="space.100" alignBlock="center">
      <Toggle
        id={props.id}
        label={props.label}
        isChecked={props.isChecked}
        isDisabled={props.isDisabled}
        onChange={(event) => props.onChange(!!event.target.checked)}
      />
      <Text>{props.label}</Text>
    </Inline>
  );
}
