/** A small JQL subset: project, key/issuekey/id, text/summary, status, statusCategory, issuetype, worklogAuthor; AND/OR/NOT; ORDER BY. */
import type { Caller, IssueRec, JiraState } from './state';
import { statusCategoryKey } from './render';

type Tok = { t: 'word' | 'str' | 'op' | 'punct' | 'fn'; v: string };

export class JqlError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
  }
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ('(),'.includes(c)) {
      out.push({ t: 'punct', v: c });
      i++;
      continue;
    }
    const op = /^(!=|!~|>=|<=|=|~|>|<)/.exec(s.slice(i));
    if (op) {
      out.push({ t: 'op', v: op[1] });
      i += op[1].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1,
        v = '';
      while (j < s.length && s[j] !== c) {
        if (s[j] === '\\' && j + 1 < s.length) j++;
        v += s[j++];
      }
      if (j >= s.length)
        throw new JqlError([`Error in the JQL Query: The quoted string '${v}' has not been completed. (line 1, character ${i + 1})`]);
      out.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    const fn = /^([A-Za-z][A-Za-z0-9_]*)\(\s*\)/.exec(s.slice(i));
    if (fn) {
      out.push({ t: 'fn', v: fn[1] });
      i += fn[0].length;
      continue;
    }
    const w = /^[^\s(),=!~<>"']+/.exec(s.slice(i));
    if (!w) throw new JqlError([`Error in the JQL Query: The character '${c}' is a reserved JQL character. (line 1, character ${i + 1})`]);
    out.push({ t: 'word', v: w[0] });
    i += w[0].length;
  }
  return out;
}

type Value = { v: string; fn: boolean };
type Node =
  | { k: 'and'; a: Node; b: Node }
  | { k: 'or'; a: Node; b: Node }
  | { k: 'not'; a: Node }
  | { k: 'clause'; field: string; op: string; values: Value[] };

export interface ParsedJql {
  where: Node | null;
  orderBy: { field: string; desc: boolean }[];
}

export function parseJql(jql: string): ParsedJql {
  const toks = tokenize(jql);
  let p = 0;
  const peek = () => toks[p];
  const isWord = (w: string, t = peek()) => t?.t === 'word' && t.v.toLowerCase() === w;
  const fail = (what: string): never => {
    throw new JqlError([`Error in the JQL Query: Expecting ${what} but got '${peek()?.v ?? 'end of query'}'.`]);
  };

  const value = (): Value => {
    const t = peek();
    if (!t || !(t.t === 'word' || t.t === 'str' || t.t === 'fn')) return fail('a value');
    p++;
    return { v: t.v, fn: t.t === 'fn' };
  };

  const clause = (): Node => {
    const f = peek();
    if (!f || (f.t !== 'word' && f.t !== 'str')) return fail('a field name');
    p++;
    let op: string;
    const t = peek();
    if (t?.t === 'op') {
      op = t.v;
      p++;
    } else if (isWord('in')) {
      op = 'in';
      p++;
    } else if (isWord('not') && isWord('in', toks[p + 1])) {
      op = 'not in';
      p += 2;
    } else if (isWord('is')) {
      p++;
      op = isWord('not') ? (p++, 'is not') : 'is';
    } else return fail('an operator');
    const values: Value[] = [];
    if (op === 'in' || op === 'not in') {
      if (peek()?.v !== '(') fail("'('");
      p++;
      for (;;) {
        values.push(value());
        if (peek()?.v === ',') {
          p++;
          continue;
        }
        if (peek()?.v === ')') {
          p++;
          break;
        }
        fail("',' or ')'");
      }
    } else values.push(value());
    return { k: 'clause', field: f.v.toLowerCase(), op, values };
  };

  const unary = (): Node => {
    if (isWord('not')) {
      p++;
      return { k: 'not', a: unary() };
    }
    if (peek()?.v === '(' && peek()?.t === 'punct') {
      p++;
      const n = orExpr();
      if (peek()?.v !== ')') fail("')'");
      p++;
      return n;
    }
    return clause();
  };
  const andExpr = (): Node => {
    let n = unary();
    while (isWord('and')) {
      p++;
      n = { k: 'and', a: n, b: unary() };
    }
    return n;
  };
  const orExpr = (): Node => {
    let n = andExpr();
    while (isWord('or')) {
      p++;
      n = { k: 'or', a: n, b: andExpr() };
    }
    return n;
  };

  let where: Node | null = null;
  if (p < toks.length && !isWord('order')) where = orExpr();
  const orderBy: { field: string; desc: boolean }[] = [];
  if (isWord('order')) {
    p++;
    if (!isWord('by')) fail("'by'");
    p++;
    for (;;) {
      const f = peek();
      if (!f || (f.t !== 'word' && f.t !== 'str')) fail('a field name');
      p++;
      let desc = false;
      if (isWord('asc')) p++;
      else if (isWord('desc')) {
        p++;
        desc = true;
      }
      orderBy.push({ field: f!.v.toLowerCase(), desc });
      if (peek()?.v === ',') {
        p++;
        continue;
      }
      break;
    }
  }
  if (p < toks.length) fail('end of query');
  return { where, orderBy };
}

const wordsOf = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every query word is a prefix of some summary word (case-insensitive). */
export function textMatches(summary: string, query: string): boolean {
  const q = wordsOf(query);
  const words = wordsOf(summary);
  return q.length > 0 && q.every((qw) => words.some((w) => w.startsWith(qw)));
}

export type Predicate = (issue: IssueRec) => boolean;

const KEY_RE = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/i;
const CATEGORY: Record<string, string> = {
  'to do': 'new',
  new: 'new',
  'in progress': 'indeterminate',
  indeterminate: 'indeterminate',
  done: 'done',
  complete: 'done',
};

/** Compiles a parsed query into a predicate; unknown fields/values become JqlError. */
export function compileJql(state: JiraState, caller: Caller, where: Node | null): Predicate {
  const errors: string[] = [];
  const compile = (n: Node): Predicate => {
    if (n.k === 'and' || n.k === 'or') {
      const a = compile(n.a),
        b = compile(n.b);
      return n.k === 'and' ? (i) => a(i) && b(i) : (i) => a(i) || b(i);
    }
    if (n.k === 'not') {
      const a = compile(n.a);
      return (i) => !a(i);
    }
    return clausePredicate(state, caller, n, errors);
  };
  const pred = where ? compile(where) : () => true;
  if (errors.length) throw new JqlError(errors);
  return pred;
}

function setOp(op: string, field: string, errors: string[]): 'pos' | 'neg' | null {
  if (op === '=' || op === 'in') return 'pos';
  if (op === '!=' || op === 'not in') return 'neg';
  errors.push(`The operator '${op}' is not supported by the '${field}' field.`);
  return null;
}

function clausePredicate(state: JiraState, caller: Caller, n: Extract<Node, { k: 'clause' }>, errors: string[]): Predicate {
  const { field, op, values } = n;
  const no: Predicate = () => false;
  switch (field) {
    case 'project': {
      const mode = setOp(op, field, errors);
      const keys = new Set<string>();
      for (const { v } of values) {
        const p = [...state.projects.values()].find(
          (x) => x.key.toLowerCase() === v.toLowerCase() || x.id === v || x.name.toLowerCase() === v.toLowerCase(),
        );
        if (!p || !state.hasPermission(caller, p.key, 'BROWSE_PROJECTS')) errors.push(`The value '${v}' does not exist for the field 'project'.`);
        else keys.add(p.key);
      }
      return mode === 'neg' ? (i) => !keys.has(i.projectKey) : (i) => keys.has(i.projectKey);
    }
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id': {
      const mode = setOp(op, field, errors);
      const ids = new Set<string>();
      for (const { v } of values) {
        if (!KEY_RE.test(v) && !/^\d+$/.test(v)) {
          errors.push(`The issue key '${v}' for field '${field}' is invalid.`);
          continue;
        }
        const issue = state.issueByKeyOrId(v);
        if (!issue || !state.canSee(caller, issue)) errors.push(`An issue with key '${v.toUpperCase()}' does not exist for field '${field}'.`);
        else ids.add(issue.id);
      }
      return mode === 'neg' ? (i) => !ids.has(i.id) : (i) => ids.has(i.id);
    }
    case 'text':
    case 'summary': {
      if (op !== '~' && op !== '!~') {
        errors.push(`The operator '${op}' is not supported by the '${field}' field.`);
        return no;
      }
      const q = values[0].v;
      return op === '~' ? (i) => textMatches(i.summary, q) : (i) => !textMatches(i.summary, q);
    }
    case 'status':
    case 'statuscategory': {
      const mode = setOp(op, field, errors);
      const wanted = new Set<string>();
      for (const { v } of values) {
        const lc = v.toLowerCase();
        if (field === 'status') {
          if (['to do', 'in progress', 'done'].includes(lc)) wanted.add(lc);
          else errors.push(`The value '${v}' does not exist for the field 'status'.`);
        } else if (CATEGORY[lc]) wanted.add(CATEGORY[lc]);
        else errors.push(`The value '${v}' does not exist for the field 'statusCategory'.`);
      }
      const get = (i: IssueRec) => (field === 'status' ? i.status.toLowerCase() : statusCategoryKey(i.status));
      return mode === 'neg' ? (i) => !wanted.has(get(i)) : (i) => wanted.has(get(i));
    }
    case 'issuetype':
    case 'type': {
      const mode = setOp(op, field, errors);
      const wanted = new Set(values.map((x) => x.v.toLowerCase()));
      return mode === 'neg' ? (i) => !wanted.has(i.issueType.toLowerCase()) : (i) => wanted.has(i.issueType.toLowerCase());
    }
    case 'worklogauthor': {
      const mode = setOp(op, field, errors);
      const ids = new Set(values.map((x) => (x.fn && x.v.toLowerCase() === 'currentuser' ? caller.accountId : x.v)));
      const has = (i: IssueRec) => state.worklogsOf(i.id).some((w) => ids.has(w.authorAccountId));
      return mode === 'neg' ? (i) => !has(i) : has;
    }
    default:
      errors.push(`Field '${n.field}' does not exist or you do not have permission to view it.`);
      return no;
  }
}

const ORDER_FIELDS = new Set(['key', 'issuekey', 'id', 'created', 'updated', 'summary', 'status', 'project']);

export function sortIssues(issues: IssueRec[], orderBy: { field: string; desc: boolean }[]): IssueRec[] {
  for (const o of orderBy) if (!ORDER_FIELDS.has(o.field)) throw new JqlError([`Not able to sort using field '${o.field}'.`]);
  const keyNum = (i: IssueRec) => Number(i.key.split('-').pop());
  const cmp = (a: IssueRec, b: IssueRec, field: string): number => {
    switch (field) {
      case 'key':
      case 'issuekey':
        return a.projectKey.localeCompare(b.projectKey) || keyNum(a) - keyNum(b);
      case 'id':
        return Number(a.id) - Number(b.id);
      case 'created':
        return a.created - b.created;
      case 'updated':
        return a.updated - b.updated;
      case 'summary':
        return a.summary.localeCompare(b.summary);
      case 'status':
        return a.status.localeCompare(b.status);
      default:
        return a.projectKey.localeCompare(b.projectKey);
    }
  };
  const order = orderBy.length ? orderBy : [{ field: 'created', desc: true }];
  return [...issues].sort((a, b) => {
    for (const o of order) {
      const c = cmp(a, b, o.field);
      if (c) return o.desc ? -c : c;
    }
    return Number(b.id) - Number(a.id);
  });
}
