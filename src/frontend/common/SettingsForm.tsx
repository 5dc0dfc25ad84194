// The settings form shared by the project settings page and the admin page (site defaults).
import React, { useMemo, useRef, useState } from 'react';
import {
  Box,
  ErrorMessage,
  Form,
  FormFooter,
  HelperMessage,
  Label,
  LoadingButton,
  SectionMessage,
  Select,
  Stack,
  Text,
  TextArea,
  Textfield,
} from '@forge/react';
import { COMMENT_PLACEHOLDERS, type ProjectSettings } from '../../shared/contract';
import { useMessages } from './i18n';
import { LabelledToggle } from './LabelledToggle';
import { asResolverError, needsReconnect, type ResolverError } from './invoke';
import {
  draftErrors,
  estimatePolicyOptions,
  fromDraft,
  incrementOptions,
  mapServerFields,
  previewComment,
  roundingModeOptions,
  toDraft,
  type FieldErrors,
  type SettingsDraft,
  type SettingsField,
} from './settingsModel';
import { ErrorView } from './StatusViews';

export interface SettingsFormProps {
  initial: ProjectSettings;
  /** Prefix for field ids, so two forms never share one. */
  idPrefix: string;
  /** Saves on the server and returns what was stored (null: the person cancelled); throws ResolverError (with `fields`) when refused. */
  onSave: (settings: ProjectSettings) => Promise<ProjectSettings | null>;
  /** Whose settings: one project's (default) or the site's defaults, which the labels then speak of. */
  scope?: 'project' | 'site';
}

type Option<T> = { label: string; value: T };

/** The draft field each settings field is edited in. */
const DRAFT_FIELD: Record<SettingsField, keyof SettingsDraft> = {
  enabled: 'enabled',
  roundingMode: 'roundingMode',
  roundingIncrementMinutes: 'roundingIncrementMinutes',
  minimumSeconds: 'minimumMinutes',
  commentTemplate: 'commentTemplate',
  estimatePolicy: 'estimatePolicy',
  notifyWatchers: 'notifyWatchers',
  domains: 'domains',
};

function FieldError({ error }: { error: string | undefined }) {
  return error ? <ErrorMessage>{error}</ErrorMessage> : null;
}

interface SelectFieldProps<T> {
  id: string;
  label: string;
  options: Option<T>[];
  value: T;
  error: string | undefined;
  onChange: (value: T) => void;
}

function SelectField<T>({ id, label, options, value, error, onChange }: SelectFieldProps<T>) {
  return (
    <Box>
      <Label labelFor={id}>{label}</Label>
      <Select
        id={id}
        options={options}
        value={options.find((o) => o.value === value)}
        isInvalid={!!error}
        onChange={(option: Option<T> | null) => {
          if (option) onChange(option.value);
        }}
      />
      <FieldError error={error} />
    </Box>
  );
}

export function SettingsForm({ initial, idPrefix, onSave, scope = 'project' }: SettingsFormProps) {
  const messages = useMessages();
  const labels = scope === 'site' ? messages.settings.site : messages.settings;
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(initial));
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ error: ResolverError | null; other: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  // A ref, not state: a second submit in the same tick must already see the first.
  const savingNow = useRef(false);

  const liveErrors = useMemo(() => draftErrors(draft, messages), [draft, messages]);
  const errors: FieldErrors = { ...liveErrors, ...serverErrors };
  const preview = useMemo(() => previewComment(draft.commentTemplate), [draft.commentTemplate]);
  const id = (field: string) => `${idPrefix}-settings-${field}`;

  function set<F extends keyof SettingsDraft>(field: F, value: SettingsDraft[F]) {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setSaved(false);
    // The banner was about what was sent; once the person edits, it no longer describes the form.
    setFailure(null);
    setServerErrors((previous) => {
      const entries = Object.entries(previous).filter(([name]) => DRAFT_FIELD[name as SettingsField] !== field);
      return entries.length === Object.keys(previous).length ? previous : Object.fromEntries(entries);
    });
  }

  async function save() {
    if (savingNow.current) return;
    setSaved(false);
    setFailure(null);
    const built = fromDraft(draft, messages);
    if ('errors' in built) {
      setServerErrors(built.errors);
      setFailure({ error: null, other: [] });
      return;
    }
    savingNow.current = true;
    setSaving(true);
    try {
      const stored = await onSave(built.settings);
      if (stored === null) return; // the person chose not to save after all: the form keeps the draft
      setDraft(toDraft(stored));
      setServerErrors({});
      setSaved(true);
    } catch (error) {
      const refused = asResolverError(error);
      const { byField, other } = mapServerFields(refused.fields);
      setServerErrors(byField);
      // The form keeps what the person typed; nothing was stored.
      setFailure({ error: Object.keys(byField).length > 0 && other.length === 0 ? null : refused, other });
    } finally {
      savingNow.current = false;
      setSaving(false);
    }
  }

  return (
    <Form onSubmit={save}>
      <Stack space="space.200">
        {saved ? (
          <SectionMessage appearance="success">
            <Text>{messages.settings.saved}</Text>
          </SectionMessage>
        ) : null}
        {failure ? (
          failure.error && (needsReconnect(failure.error) || failure.other.length === 0) ? (
            <ErrorView error={failure.error} title={messages.settings.saveFailedTitle} />
          ) : (
            <SectionMessage appearance="error" title={messages.settings.saveFailedTitle}>
              <Text>{messages.settings.fixErrors}</Text>
              {failure.other.map((message, index) => (
                <Text key={index}>{message}</Text>
              ))}
            </SectionMessage>
          )
        ) : null}

        <Box>
          <LabelledToggle id={id('enabled')} label={labels.enabled} isChecked={draft.enabled} onChange={(checked) => set('enabled', checked)} />
          <FieldError error={errors.enabled} />
        </Box>

        <SelectField
          id={id('roundingMode')}
          label={messages.settings.roundingMode}
          options={roundingModeOptions(messages)}
          value={draft.roundingMode}
          error={errors.roundingMode}
          onChange={(value) => set('roundingMode', value)}
        />
        <SelectField
          id={id('roundingIncrementMinutes')}
          label={messages.settings.roundingIncrement}
          options={incrementOptions(messages)}
          value={draft.roundingIncrementMinutes}
          error={errors.roundingIncrementMinutes}
          onChange={(value) => set('roundingIncrementMinutes', value)}
        />

        <Box>
          <Label labelFor={id('minimumSeconds')}>{messages.settings.minimum}</Label>
          <Textfield
            id={id('minimumSeconds')}
            type="number"
            min={0}
            // A number of minutes, not a line of text.
            width="xsmall"
            value={draft.minimumMinutes}
            isInvalid={!!errors.minimumSeconds}
            onChange={(event) => set('minimumMinutes', String(event.target.value ?? ''))}
          />
          {errors.minimumSeconds ? <FieldError error={errors.minimumSeconds} /> : <HelperMessage>{messages.settings.minimumHelp}</HelperMessage>}
        </Box>

        <Box>
          <Label labelFor={id('commentTemplate')}>{messages.settings.commentTemplate}</Label>
          <TextArea
            id={id('commentTemplate')}
            value={draft.commentTemplate}
            isInvalid={!!errors.commentTemplate}
            onChange={(event) => set('commentTemplate', String(event.target.value ?? ''))}
          />
          {errors.commentTemplate ? (
            <FieldError error={errors.commentTemplate} />
          ) : (
            <HelperMessage>{messages.settings.commentTemplateHelp(COMMENT_PLACEHOLDERS.map((p) => `{${p}}`).join(', '))}</HelperMessage>
          )}
          <Stack space="space.050">
            <Text weight="medium">{messages.settings.previewLabel}</Text>
            <Text testId={id('preview')}>{preview}</Text>
          </Stack>
        </Box>

        <SelectField
          id={id('estimatePolicy')}
          label={messages.settings.estimatePolicy}
          options={estimatePolicyOptions(messages)}
          value={draft.estimatePolicy}
          error={errors.estimatePolicy}
          onChange={(value) => set('estimatePolicy', value)}
        />

        <Box>
          <LabelledToggle
            id={id('notifyWatchers')}
            label={messages.settings.notifyWatchers}
            isChecked={draft.notifyWatchers}
            onChange={(checked) => set('notifyWatchers', checked)}
          />
          <FieldError error={errors.notifyWatchers} />
        </Box>

        <Box>
          <Label labelFor={id('domains')}>{labels.domains}</Label>
          <Textfield
            id={id('domains')}
            value={draft.domains}
            isInvalid={!!errors.domains}
            onChange={(event) => set('domains', String(event.target.value ?? ''))}
          />
          {errors.domains ? <FieldError error={errors.domains} /> : <HelperMessage>{messages.settings.domainsHelp}</HelperMessage>}
        </Box>

        <FormFooter align="start">
          <LoadingButton type="submit" appearance="primary" isLoading={saving}>
            {messages.settings.save}
          </LoadingButton>
        </FormFooter>
      </Stack>
    </Form>
  );
}
