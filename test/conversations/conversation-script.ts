import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/** What one customer message must lead to (every line optional). */
export interface ScriptTurn {
  line: number;
  text: string;
  intent?: string;
  /** Patterns (see `pattern`): each must match at least one of the bot's replies to this message. */
  replies: string[];
  /** None may match any reply to this message. */
  not: string[];
  card?: string;
  /** The language the bot must answer in (default: the conversation's). */
  answersIn?: 'zh' | 'en';
  /** The conversation's status once the bot has answered (`waiting`: handed to people). */
  status?: string;
}

export type RecordExpectation =
  | { kind: 'request'; type: string }
  | { kind: 'no request' }
  | { kind: 'ticket'; reason: string; priority?: number }
  | { kind: 'no ticket' }
  | { kind: 'miss'; intent: string }
  | { kind: 'no miss' };

export interface ConversationScript {
  file: string;
  line: number;
  id: string;
  title: string;
  language: 'zh' | 'en';
  turns: ScriptTurn[];
  expect: RecordExpectation[];
}

/**
 * Reads the corpus format (see README.md beside it): `=== id title`, `lang:`, `customer:` lines
 * with indented expectations, and `expect:` lines about the records the conversation leaves.
 * Errors name the file and line, so a staff member who mistypes a line finds it.
 */
export function parseScripts(file: string, source: string): ConversationScript[] {
  const scripts: ConversationScript[] = [];
  let current: ConversationScript | undefined;
  const fail = (line: number, why: string): never => {
    throw new Error(`${file}:${line}: ${why}`);
  };
  const regex = (line: number, body: string): string => {
    try {
      pattern(body, {});
      return body;
    } catch {
      return fail(line, `not a valid pattern: ${body}`);
    }
  };
  source.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*(#|$)/.test(raw)) return;
    const header = /^===\s*(\S+)\s*(.*)$/.exec(raw);
    if (header) {
      current = {
        file,
        line,
        id: header[1],
        title: header[2].trim(),
        language: 'zh',
        turns: [],
        expect: [],
      };
      scripts.push(current);
      return;
    }
    if (!current) return fail(line, 'a conversation starts with "=== id title"');
    const m = /^(\s*)([a-z ]+):\s?(.*)$/.exec(raw);
    if (!m) return fail(line, `cannot read "${raw.trim()}"`);
    const [, indent, key, value] = m;
    const turn = current.turns.at(-1);
    if (indent.length > 0) {
      if (!turn) return fail(line, 'an indented expectation needs a customer line above it');
      if (key === 'intent') turn.intent = value.trim();
      else if (key === 'reply') turn.replies.push(regex(line, value.trim()));
      else if (key === 'not') turn.not.push(regex(line, value.trim()));
      else if (key === 'card') turn.card = value.trim();
      else if (key === 'in') turn.answersIn = language(line, value.trim(), fail);
      else if (key === 'status') turn.status = value.trim();
      else fail(line, `unknown expectation "${key}"`);
      return;
    }
    if (key === 'lang') current.language = language(line, value.trim(), fail);
    else if (key === 'customer')
      current.turns.push({ line, text: value.replace(/\\n/g, '\n'), replies: [], not: [] });
    else if (key === 'expect') current.expect.push(recordExpectation(line, value.trim(), fail));
    else fail(line, `unknown line "${key}"`);
  });
  for (const s of scripts) if (s.turns.length === 0) fail(s.line, `${s.id} has no customer line`);
  return scripts;
}

function language(line: number, value: string, fail: (l: number, w: string) => never): 'zh' | 'en' {
  return value === 'zh' || value === 'en'
    ? value
    : fail(line, `language must be zh or en, not ${value}`);
}

function recordExpectation(
  line: number,
  value: string,
  fail: (l: number, w: string) => never,
): RecordExpectation {
  const [word, arg, ...more] = value.split(/\s+/);
  if (word === 'no' && ['request', 'ticket', 'miss'].includes(arg))
    return { kind: `no ${arg}` as 'no request' | 'no ticket' | 'no miss' };
  if (word === 'request' && arg) return { kind: 'request', type: arg };
  if (word === 'miss' && arg) return { kind: 'miss', intent: arg };
  if (word === 'ticket' && arg) {
    const priority = /^priority$/.test(more[0] ?? '') ? Number(more[1]) : undefined;
    return { kind: 'ticket', reason: arg, ...(priority !== undefined && { priority }) };
  }
  return fail(line, `cannot read "expect: ${value}"`);
}

/**
 * A reply pattern: a regular expression (case-insensitive, `.` spans lines), where `$NAME` is a
 * value the driver knows only once the records exist (the latest bill's month, for instance).
 */
export function pattern(body: string, vars: Record<string, string>): RegExp {
  return new RegExp(
    body.replace(/\$([A-Z][A-Z0-9_]*)/g, (m, name: string) => vars[name] ?? m),
    'isu',
  );
}

/** Every `*.conv` file of the folder, in name order. */
export function loadCorpus(dir: string): ConversationScript[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conv'))
    .sort()
    .flatMap((f) => parseScripts(f, readFileSync(join(dir, f), 'utf8')));
}
