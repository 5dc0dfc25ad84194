import {
  adfToText,
  buildComment,
  MAX_COMMENT_CHARS,
  renderCommentText,
  templatePlaceholders,
  toAdf,
  validateTemplate,
  type CommentVars,
} from '../../../src/domain/comment';
import { COMMENT_PLACEHOLDERS, DEFAULT_COMMENT_TEMPLATE, MAX_TEMPLATE_LENGTH } from '../../../src/shared/contract';

const vars: CommentVars = {
  notes: 'Fixed PAY-12 rounding',
  domain: 'Acme',
  category: 'Payments',
  title: 'Development',
  link: 'https://acme.atlassian.net/browse/PAY-12',
  recordId: '42',
};
const empty: CommentVars = { notes: null, domain: null, category: null, title: null, link: null, recordId: null };

/** The ADF rules Jira enforces on what this app sends. */
function adfProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const d = doc as { type?: unknown; version?: unknown; content?: unknown };
  if (d.type !== 'doc' || d.version !== 1 || !Array.isArray(d.content)) return ['not a doc'];
  for (const paragraph of d.content as { type?: unknown; content?: unknown }[]) {
    if (paragraph.type !== 'paragraph') problems.push('block is not a paragraph');
    if (!Array.isArray(paragraph.content) || paragraph.content.length === 0) problems.push('empty paragraph');
    for (const node of (paragraph.content ?? []) as { type?: unknown; text?: unknown; marks?: unknown }[]) {
      if (node.type !== 'text') problems.push('inline node is not text');
      if (typeof node.text !== 'string' || node.text.length === 0) problems.push('empty text node');
      if (typeof node.text === 'string' && /[\n\r]/.test(node.text)) problems.push('newline in text');
      if (node.marks !== undefined) {
        for (const mark of node.marks as { type?: unknown; attrs?: { href?: unknown } }[]) {
          if (mark.type !== 'link' || typeof mark.attrs?.href !== 'string' || !/^https?:\/\//.test(mark.attrs.href)) problems.push('bad mark');
        }
      }
    }
  }
  return problems;
}

describe('templatePlaceholders', () => {
  it.each([
    ['{notes}', ['notes']],
    ['{domain} / {category} / {title}\n{notes} {notes}', ['domain', 'category', 'title', 'notes']],
    ['no placeholders', []],
    ['{foo} and {link}', ['foo', 'link']],
    ['', []],
  ])('%p → %p', (template, expected) => {
    expect(templatePlaceholders(template)).toEqual(expected);
  });
});

describe('validateTemplate', () => {
  it.each([DEFAULT_COMMENT_TEMPLATE, '', 'plain text', COMMENT_PLACEHOLDERS.map((p) => `{${p}}`).join(' '), '{domain}: {notes}\nSee {link}'])(
    'accepts %p',
    (template) => {
      expect(validateTemplate(template)).toBeNull();
    },
  );

  it.each([
    ['{foo}', /Unknown placeholder \{foo\}/],
    ['{notes} {foo} {bar}', /Unknown placeholders \{foo\}, \{bar\}/],
    ['{Notes}', /\{Notes\}/],
    ['{ notes }', /\{ notes \}/],
    ['{}', /Unknown placeholder \{\}/],
    ['{notes', /without its partner/],
    ['notes}', /without its partner/],
    ['{{notes}}', /without its partner/],
    ['{notes}}', /without its partner/],
    ['x'.repeat(MAX_TEMPLATE_LENGTH + 1), /at most 2000 characters/],
  ])('refuses %p with a sentence', (template, message) => {
    const error = validateTemplate(template);
    expect(error).toMatch(message);
    expect(error).toMatch(/\.$/);
  });

  it('names the allowed placeholders', () => {
    expect(validateTemplate('{foo}')).toContain('{notes}, {domain}, {category}, {title}, {link}, {recordId}');
  });
});

describe('renderCommentText', () => {
  it.each([
    ['{notes}', vars, 'Fixed PAY-12 rounding'],
    [
      '{domain} / {category}: {notes} ({link}) #{recordId}',
      vars,
      'Acme / Payments: Fixed PAY-12 rounding (https://acme.atlassian.net/browse/PAY-12) #42',
    ],
    ['  {notes}  \n', { ...vars, notes: '  padded  ' }, 'padded'],
    ['{notes}', { ...vars, notes: null }, 'Acme / Payments / Development'],
    ['{notes}', { ...vars, notes: '   ' }, 'Acme / Payments / Development'],
    ['{notes}', { ...vars, notes: '', category: null }, 'Acme / Development'],
    ['{notes}', { ...vars, notes: null, domain: ' ', category: '', title: null }, 'Timecard record 42'],
    ['{notes}', { ...empty, recordId: 7 }, 'Timecard record 7'],
    ['{notes}', empty, 'Timecard record'],
    ['', vars, 'Acme / Payments / Development'],
    ['Worked: {notes}', { ...vars, notes: null }, 'Worked:'],
    ['{foo} {notes}', vars, '{foo} Fixed PAY-12 rounding'],
  ])('%p', (template, values, expected) => {
    expect(renderCommentText(template, values)).toBe(expected);
  });

  it('does not re-expand placeholders that appear in values', () => {
    expect(renderCommentText('{notes} {domain}', { ...vars, notes: '{domain}' })).toBe('{domain} Acme');
  });
});

describe('toAdf', () => {
  it('makes one paragraph per line', () => {
    expect(toAdf('first line\nsecond line')).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'first line' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'second line' }] },
      ],
    });
  });

  it('skips blank lines and never makes empty nodes', () => {
    const doc = toAdf('\n\n  a \r\n\r\n   \n\tb\r\r');
    expect(doc.content.map((p) => p.content.map((t) => t.text).join(''))).toEqual(['  a', '\tb']);
    expect(toAdf('')).toEqual({ type: 'doc', version: 1, content: [] });
    expect(toAdf('   \n  ')).toEqual({ type: 'doc', version: 1, content: [] });
  });

  it('links URLs', () => {
    expect(toAdf('See https://acme.atlassian.net/browse/PAY-12.').content[0].content).toEqual([
      { type: 'text', text: 'See ' },
      {
        type: 'text',
        text: 'https://acme.atlassian.net/browse/PAY-12',
        marks: [{ type: 'link', attrs: { href: 'https://acme.atlassian.net/browse/PAY-12' } }],
      },
      { type: 'text', text: '.' },
    ]);
  });

  it('links a URL that is the whole line without empty neighbours', () => {
    expect(toAdf('http://example.com/a?b=1#c').content[0].content).toEqual([
      { type: 'text', text: 'http://example.com/a?b=1#c', marks: [{ type: 'link', attrs: { href: 'http://example.com/a?b=1#c' } }] },
    ]);
  });

  it.each([
    ['(see https://example.com/x)', 'https://example.com/x'],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['"https://example.com/q?a=1",', 'https://example.com/q?a=1'],
    ['https://example.com/end!?', 'https://example.com/end'],
  ])('trims punctuation around %p', (text, href) => {
    const links = toAdf(text).content[0].content.filter((n) => n.marks);
    expect(links.map((n) => n.marks?.[0].attrs.href)).toEqual([href]);
    expect(
      toAdf(text)
        .content[0].content.map((n) => n.text)
        .join(''),
    ).toBe(text);
  });

  it('leaves scheme-only or non-http text alone', () => {
    expect(toAdf('https:// and ftp://x.org and mailto:a@b.c').content[0].content).toEqual([
      { type: 'text', text: 'https:// and ftp://x.org and mailto:a@b.c' },
    ]);
  });

  it('drops control characters Jira refuses', () => {
    expect(adfToText(toAdf('a\u0000b\u0007c'))).toBe('abc');
  });

  it.each([
    '',
    'x',
    'https://a.example',
    'two https://a.example https://b.example links',
    'https://a.example https://b.example',
    '\n\n\nhttps://a.example\n\n',
    'ends with url https://a.example/',
    '...https://a.example...',
    'unicode ✓ – “quotes” 日本語',
  ])('is valid ADF for %p', (text) => {
    expect(adfProblems(toAdf(text))).toEqual([]);
  });
});

describe('buildComment', () => {
  it('renders the template into ADF', () => {
    const doc = buildComment('{notes}\n{link}', vars);
    expect(adfProblems(doc)).toEqual([]);
    expect(doc.content).toHaveLength(2);
    expect(doc.content[1].content[0].marks?.[0].attrs.href).toBe(vars.link);
  });

  it('is never empty', () => {
    const doc = buildComment('{notes}', empty);
    expect(doc.content).toHaveLength(1);
    expect(adfToText(doc)).toBe('Timecard record');
  });

  it('cuts notes longer than Jira takes, visibly, so the time can still be logged', () => {
    const long = buildComment('{notes}', { ...vars, notes: 'word '.repeat(20_000) });
    const text = adfToText(long);
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(text.endsWith('…')).toBe(true);
    expect(adfProblems(long)).toEqual([]);
    expect(adfToText(buildComment('{notes}', { ...vars, notes: 'x'.repeat(MAX_COMMENT_CHARS) }))).toBe('x'.repeat(MAX_COMMENT_CHARS));
  });

  it.each(['{notes}', '{link}\n\n{notes}', '', '{domain}{category}{title}'])('makes valid ADF for %p with missing values', (template) => {
    expect(adfProblems(buildComment(template, { ...empty, domain: 'D' }))).toEqual([]);
    expect(adfProblems(buildComment(template, vars))).toEqual([]);
  });
});

describe('adfToText', () => {
  it('round-trips what toAdf makes', () => {
    const text = 'line one https://example.com/x\nline two';
    expect(adfToText(toAdf(text))).toBe(text);
    expect(adfToText(toAdf('a\n\n\nb'))).toBe('a\nb');
  });

  it('reads what Jira may hold', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Hi ' },
            { type: 'mention', attrs: { id: '1', text: '@Ana' } },
            { type: 'hardBreak' },
            { type: 'text', text: 'next' },
          ],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }] },
        { type: 'paragraph', content: [] },
        {
          type: 'paragraph',
          content: [
            { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
            { type: 'inlineCard', attrs: { url: 'https://x.example' } },
          ],
        },
      ],
    };
    expect(adfToText(doc)).toBe('Hi @Ana\nnext\nitem\n😄https://x.example');
  });

  it.each([
    [null, ''],
    [undefined, ''],
    [42, ''],
    [{}, ''],
    [{ type: 'doc', content: 'nope' }, ''],
    ['  a v2 string comment ', 'a v2 string comment'],
  ])('tolerates %p', (value, expected) => {
    expect(adfToText(value)).toBe(expected);
  });
});
