import { COMMENT_PLACEHOLDERS, MAX_TEMPLATE_LENGTH } from '../shared/contract';
import { inEnglish, type LocalizedText } from './localizedText';

export type CommentPlaceholder = (typeof COMMENT_PLACEHOLDERS)[number];

export interface CommentVars {
  notes: string | null;
  domain: string | null;
  category: string | null;
  title: string | null;
  link: string | null;
  recordId: string | number | null;
}

export interface AdfLinkMark {
  type: 'link';
  attrs: { href: string };
}
export interface AdfText {
  type: 'text';
  text: string;
  marks?: AdfLinkMark[];
}
export interface AdfParagraph {
  type: 'paragraph';
  content: AdfText[];
}
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfParagraph[];
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

function isKnownPlaceholder(name: string): name is CommentPlaceholder {
  return (COMMENT_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Placeholder names in order of first appearance, known or not (`{notes} {foo}` → notes, foo). */
export function templatePlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

function hasBalancedBraces(template: string): boolean {
  let open = false;
  for (const char of template) {
    if (char === '{') {
      if (open) return false;
      open = true;
    } else if (char === '}') {
      if (!open) return false;
      open = false;
    }
  }
  return !open;
}

const allowedList = (): string => COMMENT_PLACEHOLDERS.map((name) => `{${name}}`).join(', ');

/** What is wrong with a comment template (a sentence by its resource key), or null when it is fine. */
export function templateProblem(template: string): LocalizedText | null {
  if (template.length > MAX_TEMPLATE_LENGTH) return { key: 'errors.settings.templateTooLong', params: { max: String(MAX_TEMPLATE_LENGTH) } };
  if (!hasBalancedBraces(template)) return { key: 'errors.settings.templateUnbalanced', params: { example: '{notes}' } };
  const unknown = templatePlaceholders(template).filter((name) => !isKnownPlaceholder(name));
  if (unknown.length > 0) {
    const listed = unknown.map((name) => `{${name}}`).join(', ');
    return {
      key: unknown.length === 1 ? 'errors.settings.templateUnknownOne' : 'errors.settings.templateUnknownSeveral',
      params: { listed, allowed: allowedList() },
    };
  }
  return null;
}

/** The same in English. */
export function validateTemplate(template: string): string | null {
  const problem = templateProblem(template);
  return problem && inEnglish(problem);
}

const clean = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value).trim());

/** The comment text for a record; never blank (falls back to domain / category / title, then the record id). */
export function renderCommentText(template: string, vars: CommentVars): string {
  const rendered = template.replace(PLACEHOLDER, (whole, name: string) => (isKnownPlaceholder(name) ? clean(vars[name]) : whole)).trim();
  if (rendered !== '') return rendered;
  const attributes = [vars.domain, vars.category, vars.title].map(clean).filter((part) => part !== '');
  if (attributes.length > 0) return attributes.join(' / ');
  const id = clean(vars.recordId);
  return id === '' ? 'Timecard record' : `Timecard record ${id}`;
}

// Control characters other than tab break ADF validation in Jira.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"\]}]$/;

/** Drops sentence punctuation after a URL, and a closing parenthesis the URL did not open. */
function trimUrl(url: string): string {
  let result = url;
  for (;;) {
    if (TRAILING_PUNCTUATION.test(result)) {
      result = result.slice(0, -1);
    } else if (result.endsWith(')') && (result.match(/\(/g)?.length ?? 0) < (result.match(/\)/g)?.length ?? 0)) {
      result = result.slice(0, -1);
    } else {
      return result;
    }
  }
}

function lineToNodes(line: string): AdfText[] {
  const nodes: AdfText[] = [];
  const pushText = (text: string): void => {
    if (text !== '') nodes.push({ type: 'text', text });
  };
  let position = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    const index = match.index ?? 0;
    if (!/^https?:\/\/[^/?#\s]+/i.test(url)) continue;
    pushText(line.slice(position, index));
    nodes.push({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] });
    position = index + url.length;
  }
  pushText(line.slice(position));
  return nodes;
}

/** A valid ADF document: one paragraph per non-blank line, URLs as links, no empty text nodes. */
export function toAdf(text: string): AdfDoc {
  const paragraphs: AdfParagraph[] = [];
  for (const rawLine of text.replace(CONTROL_CHARS, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.trimEnd();
    if (line.trim() === '') continue;
    paragraphs.push({ type: 'paragraph', content: lineToNodes(line) });
  }
  return { type: 'doc', version: 1, content: paragraphs };
}

/**
 * Jira refuses text fields over 32,767 characters (its default `jira.text.field.character.limit`);
 * a longer note must not keep the time from being logged, so the comment is cut, visibly.
 */
export const MAX_COMMENT_CHARS = 32_000;

export function buildComment(template: string, vars: CommentVars): AdfDoc {
  const text = renderCommentText(template, vars);
  return toAdf(text.length > MAX_COMMENT_CHARS ? `${text.slice(0, MAX_COMMENT_CHARS - 1).trimEnd()}…` : text);
}

const INLINE_TYPES = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status', 'inlineExtension', 'mediaInline']);

function nodeText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { type, text, attrs, content } = node as { type?: unknown; text?: unknown; attrs?: Record<string, unknown>; content?: unknown };
  if (type === 'text') return typeof text === 'string' ? text : '';
  if (type === 'hardBreak') return '\n';
  if (type === 'mention' || type === 'status') return typeof attrs?.text === 'string' ? attrs.text : '';
  if (type === 'emoji') return typeof attrs?.text === 'string' ? attrs.text : typeof attrs?.shortName === 'string' ? attrs.shortName : '';
  if (type === 'inlineCard' || type === 'blockCard') return typeof attrs?.url === 'string' ? attrs.url : '';
  if (!Array.isArray(content)) return '';
  const isInline = content.some((child) => INLINE_TYPES.has((child as { type?: string } | null)?.type ?? ''));
  return content
    .map(nodeText)
    .filter((part) => isInline || part !== '')
    .join(isInline ? '' : '\n');
}

/** Plain text of an ADF document (or of a v2-style string comment), one line per block. */
export function adfToText(doc: unknown): string {
  if (typeof doc === 'string') return doc.trim();
  return nodeText(doc).trim();
}
