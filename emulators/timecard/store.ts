/**
 * In-memory stand-in for the timecard server's SQLite tables (user, record_attribute,
 * time_record). Times are kept in SQLAlchemy's SQLite DATETIME text form
 * ("YYYY-MM-DD HH:MM:SS.ffffff", naive UTC) so range filters compare like SQLite does.
 */
import { apiTime, toDbTime } from './flaskCompat';

/** TimeRecord.to_dict() — keys as Flask sends them (sorted). */
export interface TimeRecordJson {
  category_id: number;
  domain_id: number;
  external_link: string | null;
  id: number;
  jira_issue_key: string | null;
  jira_sync_error: string | null;
  jira_synced: boolean;
  jira_worklog_id: string | null;
  last_synced_at: string | null;
  notes: string | null;
  timein: string;
  timeout: string | null;
  title_id: number;
}

/** RecordAttribute.to_dict() — keys as Flask sends them (sorted). */
export interface RecordAttributeJson {
  color: string | null;
  id: number;
  level_num: number;
  name: string;
  parent_id: number | null;
  user_id: number;
}

export interface AttributeInput {
  name: string;
  level_num: 1 | 2 | 3;
  parent_id?: number | null;
  color?: string | null;
}

/** What the emulator's seeding API accepts; times are any ISO-8601 form (see toDbTime). */
export interface RecordInput {
  timein: string;
  timeout?: string | null;
  domain_id?: number;
  category_id?: number;
  title_id?: number;
  notes?: string | null;
  external_link?: string | null;
  jira_issue_key?: string | null;
  jira_worklog_id?: string | null;
  jira_synced?: boolean;
  jira_sync_error?: string | null;
  last_synced_at?: string | null;
}

export interface UserRow {
  id: number;
  username: string;
  password: string;
}

export interface RecordRow {
  id: number;
  user_id: number;
  domain_id: number;
  category_id: number;
  title_id: number;
  timein: string;
  timeout: string | null;
  external_link: unknown;
  notes: unknown;
  jira_issue_key: unknown;
  jira_worklog_id: string | null;
  jira_synced: boolean;
  jira_sync_error: string | null;
  last_synced_at: string | null;
  /** A malformed row: served verbatim; `timein` above is only its filter/sort position ('' = NULL). */
  raw?: { json: unknown };
}

/** SQLite compares an INTEGER column with a text identity ("3") numerically. */
export function sqliteIdMatches(id: number, identity: unknown): boolean {
  if (typeof identity === 'number') return identity === id;
  if (typeof identity === 'boolean') return (identity ? 1 : 0) === id;
  if (typeof identity === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(identity)) {
    return Number(identity) === id;
  }
  return false;
}

const truncate72 = (s: string) => Buffer.from(s, 'utf8').subarray(0, 72).toString('latin1');

export class Store {
  private users = new Map<number, UserRow>();
  private attributes = new Map<number, RecordAttributeJson>();
  private records = new Map<number, RecordRow>();
  private nextId = { user: 1, attribute: 1, record: 1 };

  addUser(username: string, password: string): number {
    if (this.findUser(username)) throw new Error(`User already exists: ${username}`);
    const id = this.nextId.user++;
    this.users.set(id, { id, username, password });
    return id;
  }

  findUser(username: string): UserRow | undefined {
    for (const u of this.users.values()) if (u.username === username) return u;
    return undefined;
  }

  /** bcrypt.checkpw: only the first 72 bytes of a password count. */
  checkPassword(user: UserRow, password: string): boolean {
    return truncate72(user.password) === truncate72(password);
  }

  userExists(id: number): boolean {
    return this.users.has(id);
  }

  addAttribute(userId: number, input: AttributeInput): number {
    if (typeof input.name !== 'string' || ![1, 2, 3].includes(input.level_num)) {
      throw new Error('An attribute needs a name (string) and level_num 1, 2 or 3');
    }
    const id = this.nextId.attribute++;
    this.attributes.set(id, {
      color: input.color ?? null,
      id,
      level_num: input.level_num,
      name: input.name,
      parent_id: input.parent_id ?? null,
      user_id: userId,
    });
    return id;
  }

  attribute(id: number): RecordAttributeJson | undefined {
    return this.attributes.get(id);
  }

  attributesOf(identity: unknown): RecordAttributeJson[] {
    return [...this.attributes.values()].filter((a) => sqliteIdMatches(a.user_id, identity)).map((a) => ({ ...a }));
  }

  findAttribute(identity: unknown, name: string, level: number): RecordAttributeJson | undefined {
    return [...this.attributes.values()].find((a) => a.name === name && a.level_num === level && sqliteIdMatches(a.user_id, identity));
  }

  /** The user's first attribute of a level, created as "General" when there is none. */
  private defaultAttribute(userId: number, level: 1 | 2 | 3, parentId: number | null): number {
    const existing = [...this.attributes.values()].find((a) => a.user_id === userId && a.level_num === level);
    return existing ? existing.id : this.addAttribute(userId, { name: 'General', level_num: level, parent_id: parentId });
  }

  addRecord(userId: number, input: RecordInput): RecordRow {
    const domain = input.domain_id ?? this.defaultAttribute(userId, 1, null);
    const category = input.category_id ?? this.defaultAttribute(userId, 2, domain);
    const title = input.title_id ?? this.defaultAttribute(userId, 3, category);
    const row: RecordRow = {
      ...this.blankRecord(userId),
      domain_id: domain,
      category_id: category,
      title_id: title,
      timein: toDbTime(input.timein),
    };
    this.records.set(row.id, row);
    this.patchRecord(row.id, { ...input, domain_id: domain, category_id: category, title_id: title });
    return row;
  }

  /** A row served verbatim; `at` (or a parseable json.timein) places it for filters and sorting. */
  addRawRecord(userId: number, json: unknown, at?: string | null): number {
    let position = '';
    const candidate = at ?? (json && typeof json === 'object' ? (json as Record<string, unknown>).timein : undefined);
    if (typeof candidate === 'string') {
      try {
        position = toDbTime(candidate);
      } catch {
        if (at) throw new Error(`Unparseable 'at': ${at}`);
      }
    }
    const row = this.blankRecord(userId);
    this.records.set(row.id, { ...row, timein: position, raw: { json } });
    return row.id;
  }

  /** An unsaved row with a fresh id; saveRecord() inserts it. */
  blankRecord(userId: number): RecordRow {
    return {
      id: this.nextId.record++,
      user_id: userId,
      domain_id: 0,
      category_id: 0,
      title_id: 0,
      timein: '',
      timeout: null,
      external_link: null,
      notes: null,
      jira_issue_key: null,
      jira_worklog_id: null,
      jira_synced: false,
      jira_sync_error: null,
      last_synced_at: null,
    };
  }

  patchRecord(id: number, patch: Partial<RecordInput>): void {
    const row = this.records.get(id);
    if (!row) throw new Error(`No record ${id}`);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      switch (key) {
        case 'timein':
          row.timein = toDbTime(value as string);
          break;
        case 'timeout':
        case 'last_synced_at':
          row[key] = value === null ? null : toDbTime(value as string);
          break;
        case 'domain_id':
        case 'category_id':
        case 'title_id':
        case 'external_link':
        case 'notes':
        case 'jira_issue_key':
        case 'jira_worklog_id':
        case 'jira_synced':
        case 'jira_sync_error':
          (row as unknown as Record<string, unknown>)[key] = value;
          break;
        default:
          throw new Error(`Unknown record field: ${key}`);
      }
    }
  }

  record(id: number): RecordRow | undefined {
    return this.records.get(id);
  }

  /** Replace a row with an edited copy (the API's commit). */
  saveRecord(row: RecordRow): void {
    this.records.set(row.id, { ...row });
  }

  deleteRecord(id: number): boolean {
    return this.records.delete(id);
  }

  /**
   * `filter_by(user_id=identity)`, `timein >= start`, `timein < end`,
   * `order_by(timein.desc())` — SQLite: text comparison, NULLs never match a range
   * and sort last in DESC; ties keep insertion order.
   */
  listRecords(identity: unknown, start?: string, end?: string): RecordRow[] {
    return [...this.records.values()]
      .filter((r) => sqliteIdMatches(r.user_id, identity))
      .filter((r) => start === undefined || (r.timein !== '' && r.timein >= start))
      .filter((r) => end === undefined || (r.timein !== '' && r.timein < end))
      .sort((a, b) => (a.timein === b.timein ? a.id - b.id : a.timein < b.timein ? 1 : -1));
  }
}

/** TimeRecord.to_dict() (raw rows verbatim). */
export function recordJson(row: RecordRow): TimeRecordJson {
  if (row.raw) return row.raw.json as TimeRecordJson;
  return {
    category_id: row.category_id,
    domain_id: row.domain_id,
    external_link: row.external_link as string | null,
    id: row.id,
    jira_issue_key: row.jira_issue_key as string | null,
    jira_sync_error: row.jira_sync_error,
    jira_synced: row.jira_synced,
    jira_worklog_id: row.jira_worklog_id,
    last_synced_at: row.last_synced_at === null ? null : apiTime(row.last_synced_at),
    notes: row.notes as string | null,
    timein: apiTime(row.timein),
    timeout: row.timeout === null ? null : apiTime(row.timeout),
    title_id: row.title_id,
  };
}
