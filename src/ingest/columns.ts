// Finds the text, id and created-at columns from the header names (English and Russian), or from user overrides.
import { UserError } from '../errors.js';
import { maskPii } from '../text/pii.js';

export interface ColumnChoice {
  /** Header indexes joined (in this order) into the ticket text. */
  text: number[];
  id: number | null;
  date: number | null;
}

export interface ColumnOverrides {
  text?: string[];
  id?: string;
  date?: string;
}

/** Lower-case, ё→е, and spaces/underscores/dashes/dots collapsed so "Created_at" = "created at". */
export function normalizeHeaderName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s_\-.:]+/g, ' ')
    .trim();
}

// Aliases in preference order: the earlier alias wins when several columns match.
const SUBJECT_NAMES = [
  'subject',
  'title',
  'summary',
  'ticket subject',
  'ticket title',
  'email subject',
  'topic',
  'short description',
  'тема',
  'заголовок',
  'тема обращения',
  'тема письма',
  'тема заявки',
  'краткое описание',
];
const BODY_NAMES = [
  'description',
  'body',
  'message',
  'text',
  'ticket description',
  'ticket text',
  'ticket body',
  'content',
  'comment',
  'comments',
  'details',
  'question',
  'problem',
  'issue',
  'request',
  'customer message',
  'message body',
  'email body',
  'first message',
  'complaint',
  'utterance',
  'query',
  'текст обращения',
  'описание',
  'сообщение',
  'текст',
  'комментарий',
  'вопрос',
  'содержание',
  'обращение',
  'текст сообщения',
  'текст заявки',
  'описание проблемы',
  'суть обращения',
  'проблема',
  'жалоба',
  'запрос',
];
const ID_NAMES = [
  'ticket id',
  'id',
  'ticket',
  'ticket number',
  'ticket no',
  'ticket #',
  'number',
  'no',
  '#',
  'key',
  'issue key',
  'case id',
  'case number',
  'request id',
  'conversation id',
  'номер',
  '№',
  'номер обращения',
  'номер заявки',
  'номер тикета',
  '№ обращения',
  '№ заявки',
  'ид',
  'идентификатор',
  'код',
];
const DATE_NAMES = [
  'created at',
  'created',
  'date',
  'created date',
  'creation date',
  'date created',
  'created on',
  'created time',
  'opened',
  'opened at',
  'submitted at',
  'submitted',
  'received',
  'timestamp',
  'ticket created',
  'дата создания',
  'дата',
  'создано',
  'создан',
  'дата обращения',
  'дата регистрации',
  'время создания',
  'дата и время',
  'дата и время создания',
  'поступило',
];

// Last resort for exports with no created-at column (the Kaggle helpdesk sample): the first response follows
// creation closely, so its week is the ticket's week. Never chosen over a created-at column.
const CREATED_STAND_INS = ['first response time', 'first response at', 'first reply time', 'время первого ответа'];

/** Whether a created-at column is only a stand-in (a first-response time), so the run can say so. */
export function isCreatedStandIn(name: string): boolean {
  return CREATED_STAND_INS.includes(normalizeHeaderName(name));
}

function findExact(normalized: string[], aliases: string[], taken: Set<number>): number | null {
  for (const alias of aliases) {
    const i = normalized.findIndex((h, k) => h === alias && !taken.has(k));
    if (i >= 0) return i;
  }
  return null;
}

// Headers that merely mention a text word but hold numbers or dates ("Description length", "Topic ID").
const NOT_TEXT = /(^| )(id|ид|date|дата|at|number|номер|no|count|length|длина|size|score|время|time)( |$)|#|№/;

// Looser pass: a header that contains an alias as whole words ("Customer Comment", "Тема письма клиента").
function findContaining(normalized: string[], aliases: string[], taken: Set<number>, minLength = 4): number | null {
  for (const alias of aliases) {
    if (alias.length < minLength) continue;
    const i = normalized.findIndex((h, k) => !taken.has(k) && !NOT_TEXT.test(h) && ` ${h} `.includes(` ${alias} `));
    if (i >= 0) return i;
  }
  return null;
}

// "Created (UTC)", "Ticket Created Date", "Дата создания заявки": only creation dates, never "Updated"/"Closed".
function findCreatedDate(normalized: string[], taken: Set<number>): number | null {
  const i = normalized.findIndex(
    (h, k) => !taken.has(k) && /(^| )(created|creation|дата создания|создан[аоы]?)( |$)/.test(h),
  );
  return i >= 0 ? i : null;
}

function findColumn(normalized: string[], aliases: string[], taken: Set<number>): number | null {
  return findExact(normalized, aliases, taken) ?? findContaining(normalized, aliases, taken);
}

/** Header index of a user-named column, or a UserError listing the columns that exist. */
export function resolveColumnName(header: string[], name: string, file: string, option: string): number {
  const wanted = normalizeHeaderName(name);
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const i = header.findIndex((h) => normalizeHeaderName(h) === wanted);
  if (i >= 0) return i;
  throw new UserError(`${file}: no column "${name}" (given by --${option}); columns are: ${listColumns(header)}`);
}

// "--text Subject,Description" may arrive as one string; split it only when the whole name is not a column.
function expandTextNames(header: string[], names: string[]): string[] {
  const known = new Set(header.map(normalizeHeaderName));
  return names.flatMap((n) =>
    known.has(normalizeHeaderName(n)) || !n.includes(',')
      ? [n]
      : n
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
  );
}

/** Chooses the columns; overrides win, detection fills in the rest. */
export function chooseColumns(header: string[], overrides: ColumnOverrides, file: string): ColumnChoice {
  const normalized = header.map(normalizeHeaderName);
  const taken = new Set<number>();

  let id: number | null = null;
  if (overrides.id !== undefined) id = resolveColumnName(header, overrides.id, file, 'id');
  let date: number | null = null;
  if (overrides.date !== undefined) date = resolveColumnName(header, overrides.date, file, 'date');

  let text: number[];
  if (overrides.text !== undefined && overrides.text.length > 0) {
    text = expandTextNames(header, overrides.text).map((n) => resolveColumnName(header, n, file, 'text'));
  } else {
    if (id !== null) taken.add(id);
    if (date !== null) taken.add(date);
    const subject = findColumn(normalized, SUBJECT_NAMES, taken);
    if (subject !== null) taken.add(subject);
    const body = findColumn(normalized, BODY_NAMES, taken);
    text = [subject, body].filter((i): i is number => i !== null);
    if (text.length === 0) {
      throw new UserError(`${file}: no text column found among ${listColumns(header)}; name it with --text <column>`);
    }
  }
  for (const t of text) taken.add(t);

  if (overrides.id === undefined) id = findExact(normalized, ID_NAMES, taken);
  if (id !== null) taken.add(id);
  if (overrides.date === undefined) {
    date =
      findExact(normalized, DATE_NAMES, taken) ??
      findCreatedDate(normalized, taken) ??
      findExact(normalized, CREATED_STAND_INS, taken);
  }
  return { text, id, date };
}

/** The header names for a one-line message: the first 12, then how many more (a row of 10,000 cells is no list). */
function listColumns(header: readonly string[]): string {
  // A broken quote can pull ticket text into the header: one line, masked, cut short.
  const shown = header.slice(0, 12).map((raw) => {
    const h = maskPii(raw.replace(/\s+/g, ' '));
    return `"${h.length > 40 ? `${h.slice(0, 39)}…` : h}"`;
  });
  return header.length > 12 ? `${shown.join(', ')} and ${header.length - 12} more` : shown.join(', ');
}
