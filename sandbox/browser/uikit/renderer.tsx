// Renders a UI Kit ForgeDoc with the Atlaskit components Jira renders UI Kit with. Each UI Kit
// component name maps to its Atlaskit counterpart (see @atlaskit/forge-react-types for the props a
// UI Kit component passes through); event handlers in the document are the app's live functions and
// are called with what the host would send across the bridge (plain, serialisable values).
import React, { createContext, useContext, useState, type ReactNode } from 'react';
import Badge from '@atlaskit/badge';
import Button, { IconButton, LinkButton } from '@atlaskit/button/new';
import ButtonGroup from '@atlaskit/button/button-group';
import DynamicTable from '@atlaskit/dynamic-table';
import { ErrorMessage, FormFooter, FormHeader, FormSection, HelperMessage, Label, RequiredAsterisk, ValidMessage } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import ProgressBar from '@atlaskit/progress-bar';
import { Radio, RadioGroup } from '@atlaskit/radio';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { SimpleTag } from '@atlaskit/tag';
import TagGroup from '@atlaskit/tag-group';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import Tooltip from '@atlaskit/tooltip';
import { token } from '@atlaskit/tokens';
import { textOf, type ForgeDoc } from './forgeDoc';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Props = Record<string, any>;
type View = (props: { node: ForgeDoc }) => ReactNode;

export interface HostActions {
  /** Same-tab navigation for relative links (the frame routes them). */
  navigate(url: string, newTab: boolean): void;
}

const HostContext = createContext<HostActions>({ navigate: () => undefined });
/** True inside a Text: nested Text renders inline. */
const InTextContext = createContext(false);

/** Calls an app handler, reporting (not swallowing) what it throws. */
function call(handler: unknown, ...args: unknown[]): unknown {
  if (typeof handler !== 'function') return undefined;
  try {
    const result = handler(...args);
    if (result && typeof (result as Promise<unknown>).catch === 'function') {
      (result as Promise<unknown>).catch((error) => console.error('[UI Kit] event handler failed', error));
    }
    return result;
  } catch (error) {
    console.error('[UI Kit] event handler failed', error);
    return undefined;
  }
}

/** What crosses the bridge for a DOM event: a plain object with the target's state. */
function serialiseEvent(event: { type?: string; target?: any; currentTarget?: any } | undefined) {
  const t = event?.target ?? {};
  const target = { value: t.value, checked: t.checked, name: t.name, id: t.id, type: t.type };
  return { type: event?.type, target, currentTarget: target };
}

function pick(props: Props, keys: string[]): Props {
  const out: Props = {};
  for (const key of keys) if (props[key] !== undefined) out[key] = props[key];
  return out;
}

/** UI Kit `xcss` objects are plain style objects whose values may be design tokens ('space.100'). */
function xcssStyle(value: unknown): React.CSSProperties | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const style: Record<string, unknown> = {};
  for (const [prop, raw] of Object.entries(value as Record<string, unknown>)) {
    if (prop.startsWith(':') || prop.startsWith('@') || (raw !== null && typeof raw === 'object')) continue;
    style[prop] = typeof raw === 'string' && /^[a-z]+(\.[a-z0-9]+)+$/i.test(raw) ? token(raw as never) : raw;
  }
  return style as React.CSSProperties;
}

export function RenderChildren({ nodes }: { nodes: ForgeDoc[] }) {
  return <>{nodes.map((child) => renderNode(child))}</>;
}

export function renderNode(node: ForgeDoc): ReactNode {
  if (node.type === 'String') return <React.Fragment key={node.key}>{String(node.props.text ?? '')}</React.Fragment>;
  const Component = COMPONENTS[node.type] ?? Unsupported;
  return <Component key={node.key} node={node} />;
}

const kids = (node: ForgeDoc) => <RenderChildren nodes={node.children} />;

// ---------------------------------------------------------------- inputs (locally controlled)

/**
 * A controlled value that follows the app but updates at once on input: the app's new value comes
 * back only after its own render, and the field must not jump back meanwhile.
 */
function useFollowed<T>(fromApp: T): [T, (value: T) => void] {
  const [local, setLocal] = useState(fromApp);
  const [seen, setSeen] = useState(fromApp);
  if (!Object.is(seen, fromApp)) {
    setSeen(fromApp);
    setLocal(fromApp);
  }
  return [local, setLocal];
}

const TEXTFIELD_PROPS = [
  'appearance',
  'isCompact',
  'autoFocus',
  'isReadOnly',
  'isMonospaced',
  'placeholder',
  'testId',
  'width',
  'type',
  'defaultValue',
  'min',
  'max',
  'maxLength',
  'minLength',
  'pattern',
  'id',
  'isRequired',
  'isDisabled',
  'isInvalid',
  'aria-invalid',
  'aria-labelledby',
  'name',
];

const TextfieldView: View = ({ node }) => {
  const p = node.props;
  const controlled = p.value !== undefined;
  const [value, setValue] = useFollowed<unknown>(p.value);
  return (
    <Textfield
      {...(pick(p, TEXTFIELD_PROPS) as any)}
      {...(controlled ? { value: value ?? '' } : {})}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
        if (controlled) setValue(e.target.value);
        call(p.onChange, serialiseEvent(e));
      }}
      onBlur={(e: React.FocusEvent<HTMLInputElement>) => call(p.onBlur, serialiseEvent(e))}
      onFocus={(e: React.FocusEvent<HTMLInputElement>) => call(p.onFocus, serialiseEvent(e))}
    />
  );
};

const TextAreaView: View = ({ node }) => {
  const p = node.props;
  const controlled = p.value !== undefined;
  const [value, setValue] = useFollowed<unknown>(p.value);
  return (
    <TextArea
      {...(pick(p, [
        'appearance',
        'autoFocus',
        'isCompact',
        'isMonospaced',
        'isReadOnly',
        'maxHeight',
        'minimumRows',
        'placeholder',
        'resize',
        'spellCheck',
        'testId',
        'defaultValue',
        'id',
        'isRequired',
        'isDisabled',
        'isInvalid',
        'maxLength',
        'minLength',
        'name',
      ]) as any)}
      {...(controlled ? { value: String(value ?? '') } : {})}
      onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
        if (controlled) setValue(e.target.value);
        call(p.onChange, serialiseEvent(e));
      }}
      onBlur={(e: React.FocusEvent<HTMLTextAreaElement>) => call(p.onBlur, serialiseEvent(e))}
      onFocus={(e: React.FocusEvent<HTMLTextAreaElement>) => call(p.onFocus, serialiseEvent(e))}
    />
  );
};

const SelectView: View = ({ node }) => {
  const p = node.props;
  return (
    <Select
      {...(pick(p, [
        'appearance',
        'autoFocus',
        'closeMenuOnScroll',
        'closeMenuOnSelect',
        'defaultInputValue',
        'defaultMenuIsOpen',
        'defaultValue',
        'inputValue',
        'isClearable',
        'isDisabled',
        'isInvalid',
        'isLoading',
        'isMulti',
        'isSearchable',
        'menuIsOpen',
        'openMenuOnFocus',
        'name',
        'options',
        'placeholder',
        'spacing',
        'testId',
        'value',
        'isRequired',
      ]) as any)}
      inputId={p.id ?? p.inputId}
      menuPlacement="auto"
      menuPortalTarget={document.body}
      styles={{ menuPortal: (base: any) => ({ ...base, zIndex: 9999 }) }}
      onChange={(value: unknown) => call(p.onChange, value)}
      onInputChange={p.onInputChange ? (value: string) => call(p.onInputChange, value) : undefined}
      onBlur={(e: any) => call(p.onBlur, serialiseEvent(e))}
      onFocus={(e: any) => call(p.onFocus, serialiseEvent(e))}
    />
  );
};

const ToggleView: View = ({ node }) => {
  const p = node.props;
  const controlled = p.isChecked !== undefined;
  const [checked, setChecked] = useFollowed<boolean>(!!p.isChecked);
  return (
    <Toggle
      {...(pick(p, ['size', 'testId', 'defaultChecked', 'label', 'id', 'isDisabled', 'value', 'name']) as any)}
      {...(controlled ? { isChecked: checked } : {})}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
        if (controlled) setChecked(e.target.checked);
        call(p.onChange, serialiseEvent(e));
      }}
      onBlur={(e: any) => call(p.onBlur, serialiseEvent(e))}
      onFocus={(e: any) => call(p.onFocus, serialiseEvent(e))}
    />
  );
};

const RadioGroupView: View = ({ node }) => {
  const p = node.props;
  const controlled = p.value !== undefined;
  const [value, setValue] = useFollowed<unknown>(p.value);
  return (
    <RadioGroup
      {...(pick(p, ['options', 'defaultValue', 'isDisabled', 'isRequired', 'isInvalid', 'name', 'labelId', 'testId', 'aria-labelledby']) as any)}
      {...(controlled ? { value } : {})}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
        if (controlled) setValue(e.target.value);
        call(p.onChange, serialiseEvent(e));
      }}
    />
  );
};

const RadioView: View = ({ node }) => {
  const p = node.props;
  return (
    <Radio
      {...(pick(p, ['label', 'value', 'name', 'id', 'isChecked', 'isDisabled', 'isRequired', 'isInvalid', 'testId', 'ariaLabel']) as any)}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => call(p.onChange, serialiseEvent(e))}
    />
  );
};

/** @atlaskit/checkbox is not among the installed packages: a native checkbox with the same props. */
const CheckboxView: View = ({ node }) => {
  const p = node.props;
  const controlled = p.isChecked !== undefined;
  const [checked, setChecked] = useFollowed<boolean>(!!p.isChecked);
  return (
    <label className="uik-checkbox" data-testid={p.testId}>
      <input
        type="checkbox"
        id={p.id}
        name={p.name}
        value={p.value}
        disabled={p.isDisabled}
        required={p.isRequired}
        aria-invalid={p.isInvalid || undefined}
        {...(controlled ? { checked } : { defaultChecked: p.defaultChecked })}
        ref={(el) => {
          if (el) el.indeterminate = !!p.isIndeterminate;
        }}
        onChange={(e) => {
          if (controlled) setChecked(e.target.checked);
          call(p.onChange, serialiseEvent(e));
        }}
      />
      {p.label ? <span>{p.label}</span> : null}
    </label>
  );
};

const CheckboxGroupView: View = ({ node }) => {
  const p = node.props;
  const [values, setValues] = useFollowed<string[]>(Array.isArray(p.value) ? p.value : (p.defaultValue ?? []));
  return (
    <div className="uik-checkbox-group" role="group">
      {(p.options ?? []).map((option: { label: string; value: string; isDisabled?: boolean }) => (
        <label key={option.value} className="uik-checkbox">
          <input
            type="checkbox"
            name={p.name}
            value={option.value}
            disabled={p.isDisabled || option.isDisabled}
            checked={values.includes(option.value)}
            onChange={(e) => {
              const next = e.target.checked ? [...values, option.value] : values.filter((v) => v !== option.value);
              setValues(next);
              call(p.onChange, next);
            }}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
};

// ---------------------------------------------------------------- layout and text

const TextView: View = ({ node }) => {
  const p = node.props;
  const nested = useContext(InTextContext);
  const as = p.as === 'strike' ? 's' : (p.as ?? (nested ? 'span' : 'p'));
  const content = <InTextContext.Provider value>{kids(node)}</InTextContext.Provider>;
  if (as === 's' || as === 'del') return <s>{content}</s>;
  return (
    <Text {...(pick(p, ['align', 'color', 'maxLines', 'size', 'weight', 'testId', 'id']) as any)} as={as}>
      {content}
    </Text>
  );
};

const HeadingView: View = ({ node }) => (
  <Heading size={node.props.size ?? 'medium'} {...(pick(node.props, ['as', 'color', 'id', 'testId']) as any)}>
    {kids(node)}
  </Heading>
);

const BoxView: View = ({ node }) => {
  const p = node.props;
  const style = xcssStyle(p.xcss);
  return (
    <Box
      {...(pick(p, [
        'as',
        'backgroundColor',
        'padding',
        'paddingBlock',
        'paddingBlockStart',
        'paddingBlockEnd',
        'paddingInline',
        'paddingInlineStart',
        'paddingInlineEnd',
        'testId',
        'role',
      ]) as any)}
      xcss={style ? xcss(style as any) : undefined}
    >
      {kids(node)}
    </Box>
  );
};

const StackView: View = ({ node }) => (
  <Stack {...(pick(node.props, ['alignBlock', 'alignInline', 'spread', 'grow', 'space', 'testId']) as any)}>{kids(node)}</Stack>
);

const InlineView: View = ({ node }) => (
  <Inline {...(pick(node.props, ['alignBlock', 'alignInline', 'spread', 'grow', 'space', 'shouldWrap', 'separator', 'rowSpace', 'testId']) as any)}>
    {kids(node)}
  </Inline>
);

// ---------------------------------------------------------------- buttons and links

const ButtonView: View = ({ node }) => {
  const p = node.props;
  return (
    <Button
      {...(pick(p, [
        'appearance',
        'autoFocus',
        'isDisabled',
        'isSelected',
        'shouldFitContainer',
        'spacing',
        'testId',
        'type',
        'isLoading',
        'id',
      ]) as any)}
      onClick={p.onClick ? () => call(p.onClick) : undefined}
      onBlur={p.onBlur ? () => call(p.onBlur) : undefined}
      onFocus={p.onFocus ? () => call(p.onFocus) : undefined}
    >
      {kids(node)}
    </Button>
  );
};

const LinkButtonView: View = ({ node }) => {
  const host = useContext(HostContext);
  const p = node.props;
  const relative = typeof p.href === 'string' && p.href.startsWith('/');
  return (
    <LinkButton
      href={p.href}
      target={p.target}
      {...(pick(p, ['appearance', 'isDisabled', 'isSelected', 'shouldFitContainer', 'spacing', 'testId']) as any)}
      onClick={(e: React.MouseEvent) => {
        if (relative) {
          e.preventDefault();
          host.navigate(p.href, p.target === '_blank');
        }
        call(p.onClick);
      }}
    >
      {kids(node)}
    </LinkButton>
  );
};

const LinkView: View = ({ node }) => {
  const host = useContext(HostContext);
  const p = node.props;
  const relative = typeof p.href === 'string' && p.href.startsWith('/');
  return (
    <Link
      href={p.href}
      target={p.openNewTab ? '_blank' : undefined}
      testId={p.testId}
      onClick={(e: React.MouseEvent) => {
        if (relative) {
          e.preventDefault();
          host.navigate(p.href, !!p.openNewTab);
        }
      }}
    >
      {kids(node)}
    </Link>
  );
};

const PressableView: View = ({ node }) => {
  const p = node.props;
  return (
    <button type="button" className="uik-pressable" disabled={p.isDisabled} data-testid={p.testId} onClick={() => call(p.onClick)}>
      {kids(node)}
    </button>
  );
};

// ---------------------------------------------------------------- feedback

const SectionMessageView: View = ({ node }) => {
  const p = node.props;
  const actions = node.children.filter((c) => c.type === 'SectionMessageAction');
  const body = node.children.filter((c) => c.type !== 'SectionMessageAction');
  return (
    <SectionMessage
      appearance={p.appearance ?? 'information'}
      title={p.title}
      testId={p.testId}
      actions={actions.map((a) => (
        <SectionMessageAction key={a.key} href={a.props.href} onClick={a.props.onClick ? () => call(a.props.onClick) : undefined}>
          {kids(a)}
        </SectionMessageAction>
      ))}
    >
      <RenderChildren nodes={body} />
    </SectionMessage>
  );
};

const EmptyStateView: View = ({ node }) => {
  const p = node.props;
  const Header = `h${p.headingLevel ?? 4}` as unknown as keyof React.JSX.IntrinsicElements;
  return (
    <div className="uik-empty-state" data-testid={p.testId} style={{ maxWidth: p.width === 'narrow' ? 304 : 464 }}>
      <Header className="uik-empty-state-header">{p.header}</Header>
      {p.description ? <p className="uik-empty-state-description">{String(p.description)}</p> : null}
      {p.isLoading ? <Spinner size="medium" /> : null}
    </div>
  );
};

// ---------------------------------------------------------------- table

const DynamicTableView: View = ({ node }) => {
  const p = node.props;
  const wrapper = (name: string) => node.children.find((c) => c.type === 'ContentWrapper' && c.props.name === name);
  const headNode = wrapper('head');
  const rowsNode = wrapper('rows');
  const cellOf = (cell: ForgeDoc) => {
    const { cellKey, children: _children, ...rest } = cell.props;
    return { ...rest, key: cellKey, content: kids(cell) };
  };
  const head = headNode ? { cells: headNode.children.filter((c) => c.type === 'Cell').map(cellOf) } : undefined;
  const rows = rowsNode
    ? rowsNode.children
        .filter((r) => r.type === 'Row')
        .map((r) => {
          const { rowKey, children: _children, onClick, ...rest } = r.props;
          return {
            ...rest,
            key: rowKey,
            onClick: onClick ? () => call(onClick) : undefined,
            cells: r.children.filter((c) => c.type === 'Cell').map(cellOf),
          };
        })
    : [];
  return (
    <DynamicTable
      {...(pick(p, [
        'caption',
        'label',
        'isLoading',
        'isFixedSize',
        'rowsPerPage',
        'defaultPage',
        'page',
        'sortKey',
        'sortOrder',
        'defaultSortKey',
        'defaultSortOrder',
        'loadingSpinnerSize',
        'highlightedRowIndex',
        'testId',
        'isRankable',
      ]) as any)}
      head={head}
      rows={rows}
      emptyView={typeof p.emptyView === 'string' ? <p>{p.emptyView}</p> : undefined}
      onSetPage={p.onSetPage ? (page: number) => call(p.onSetPage, page) : undefined}
      onSort={p.onSort ? (data: unknown) => call(p.onSort, JSON.parse(JSON.stringify(data ?? null))) : undefined}
    />
  );
};

// ---------------------------------------------------------------- modal

const MODAL_WIDTHS = new Set(['small', 'medium', 'large', 'x-large']);

const ModalView: View = ({ node }) => {
  const p = node.props;
  const width = typeof p.width === 'number' ? p.width : p.width && MODAL_WIDTHS.has(p.width) ? p.width : p.width;
  return (
    <ModalDialog
      onClose={() => call(p.onClose)}
      width={width === 'fullscreen' ? 'x-large' : width}
      height={p.height}
      label={p.label}
      autoFocus={p.autoFocus}
      shouldScrollInViewport={p.shouldScrollInViewport}
      testId={p.testId}
    >
      {p.title ? (
        <ModalHeader>
          <ModalTitle>{p.title}</ModalTitle>
        </ModalHeader>
      ) : null}
      {kids(node)}
    </ModalDialog>
  );
};

// ---------------------------------------------------------------- form

const FormView: View = ({ node }) => (
  <form
    noValidate
    className="uik-form"
    onSubmit={(e) => {
      e.preventDefault();
      call(node.props.onSubmit);
    }}
  >
    {kids(node)}
  </form>
);

const LabelView: View = ({ node }) => (
  <Label htmlFor={node.props.labelFor} id={node.props.id} testId={node.props.testId}>
    {kids(node)}
  </Label>
);

// ---------------------------------------------------------------- misc

const TooltipView: View = ({ node }) => {
  const p = node.props;
  return (
    <Tooltip content={p.content} position={p.position} testId={p.testId}>
      {(tooltipProps: any) => (
        <span {...tooltipProps} className="uik-tooltip-trigger" tabIndex={0}>
          {kids(node)}
        </span>
      )}
    </Tooltip>
  );
};

const CodeView: View = ({ node }) => <code className="uik-code">{kids(node)}</code>;

const CodeBlockView: View = ({ node }) => (
  <pre className="uik-code-block">
    <code>{String(node.props.text ?? textOf(node))}</code>
  </pre>
);

const ImageView: View = ({ node }) => {
  const p = node.props;
  return (
    <img
      src={p.src}
      alt={p.alt ?? ''}
      width={p.width === 'xsmall' ? 48 : typeof p.width === 'number' ? p.width : undefined}
      style={{ maxWidth: '100%' }}
    />
  );
};

const TagView: View = ({ node }) => <SimpleTag text={node.props.text ?? textOf(node)} color={node.props.color} href={node.props.href} />;

const TabsView: View = ({ node }) => {
  const p = node.props;
  return (
    <Tabs
      id={p.id ?? node.key}
      defaultSelected={p.defaultSelected}
      selected={p.selected}
      onChange={(index: number) => call(p.onChange, index)}
      testId={p.testId}
    >
      {kids(node)}
    </Tabs>
  );
};

const UserView: View = ({ node }) => <span className="uik-user">{node.props.accountId}</span>;

const IconView: View = ({ node }) => <span className="uik-icon" aria-label={node.props.label} title={node.props.glyph} />;

const Unsupported: View = ({ node }) => (
  <div className="uik-unsupported" data-uikit-type={node.type}>
    <span>Not rendered in the sandbox: {node.type}</span>
    {kids(node)}
  </div>
);

const passthrough: View = ({ node }) => kids(node);

export const COMPONENTS: Record<string, View> = {
  Root: passthrough,
  ContentWrapper: passthrough,
  Fragment: passthrough,
  Text: TextView,
  Strong: ({ node }) => <strong>{kids(node)}</strong>,
  Em: ({ node }) => <em>{kids(node)}</em>,
  Strike: ({ node }) => <s>{kids(node)}</s>,
  Heading: HeadingView,
  Box: BoxView,
  Stack: StackView,
  Inline: InlineView,
  Button: ButtonView,
  LoadingButton: ButtonView,
  LinkButton: LinkButtonView,
  IconButton: ({ node }) => <IconButton label={node.props.label ?? ''} icon={() => null} onClick={() => call(node.props.onClick)} />,
  ButtonGroup: ({ node }) => <ButtonGroup label={node.props.label}>{kids(node)}</ButtonGroup>,
  Link: LinkView,
  Pressable: PressableView,
  Lozenge: ({ node }) => <Lozenge {...(pick(node.props, ['appearance', 'isBold', 'maxWidth', 'testId']) as any)}>{kids(node)}</Lozenge>,
  Badge: ({ node }) => <Badge {...(pick(node.props, ['appearance', 'max', 'testId']) as any)}>{kids(node)}</Badge>,
  SectionMessage: SectionMessageView,
  SectionMessageAction: ({ node }) => (
    <SectionMessageAction onClick={() => call(node.props.onClick)} href={node.props.href}>
      {kids(node)}
    </SectionMessageAction>
  ),
  Spinner: ({ node }) => <Spinner {...(pick(node.props, ['size', 'label', 'testId', 'appearance']) as any)} />,
  ProgressBar: ({ node }) => <ProgressBar {...(pick(node.props, ['value', 'isIndeterminate', 'appearance', 'ariaLabel', 'testId']) as any)} />,
  EmptyState: EmptyStateView,
  DynamicTable: DynamicTableView,
  ModalTransition: ({ node }) => <ModalTransition>{kids(node)}</ModalTransition>,
  Modal: ModalView,
  ModalHeader: ({ node }) => <ModalHeader>{kids(node)}</ModalHeader>,
  ModalTitle: ({ node }) => <ModalTitle appearance={node.props.appearance}>{kids(node)}</ModalTitle>,
  ModalBody: ({ node }) => <ModalBody>{kids(node)}</ModalBody>,
  ModalFooter: ({ node }) => <ModalFooter>{kids(node)}</ModalFooter>,
  Form: FormView,
  FormHeader: ({ node }) => (
    <FormHeader title={node.props.title} description={node.props.description}>
      {kids(node)}
    </FormHeader>
  ),
  FormSection: ({ node }) => (
    <FormSection title={node.props.title} description={node.props.description}>
      {kids(node)}
    </FormSection>
  ),
  FormFooter: ({ node }) => <FormFooter align={node.props.align}>{kids(node)}</FormFooter>,
  Label: LabelView,
  HelperMessage: ({ node }) => <HelperMessage>{kids(node)}</HelperMessage>,
  ErrorMessage: ({ node }) => <ErrorMessage>{kids(node)}</ErrorMessage>,
  ValidMessage: ({ node }) => <ValidMessage>{kids(node)}</ValidMessage>,
  RequiredAsterisk: () => <RequiredAsterisk />,
  Textfield: TextfieldView,
  TextArea: TextAreaView,
  Select: SelectView,
  Toggle: ToggleView,
  RadioGroup: RadioGroupView,
  Radio: RadioView,
  Checkbox: CheckboxView,
  CheckboxGroup: CheckboxGroupView,
  Tooltip: TooltipView,
  Code: CodeView,
  CodeBlock: CodeBlockView,
  Image: ImageView,
  Tag: TagView,
  TagGroup: ({ node }) => <TagGroup>{kids(node)}</TagGroup>,
  Tabs: TabsView,
  TabList: ({ node }) => <TabList>{kids(node)}</TabList>,
  Tab: ({ node }) => <Tab>{kids(node)}</Tab>,
  TabPanel: ({ node }) => <TabPanel>{kids(node)}</TabPanel>,
  List: ({ node }) => (node.props.type === 'ordered' ? <ol className="uik-list">{kids(node)}</ol> : <ul className="uik-list">{kids(node)}</ul>),
  ListItem: ({ node }) => <li>{kids(node)}</li>,
  User: UserView,
  UserGroup: ({ node }) => <span className="uik-user-group">{kids(node)}</span>,
  Icon: IconView,
};

export function ForgeDocView({ doc, host }: { doc: ForgeDoc; host: HostActions }) {
  return <HostContext.Provider value={host}>{renderNode(doc)}</HostContext.Provider>;
}
