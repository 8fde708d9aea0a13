/**
 * Timer triggers: what the cloud does with `"triggers": [{"name", "type": "timer", "config"}]` in a
 * function's config.json. The config is WeChat's 7-field cron
 * `second minute hour day-of-month month day-of-week year`, evaluated in Beijing time (UTC+8, as the
 * cloud's China regions do). Each field takes numbers, `*`, `*\/n`, `a-b`, `a-b/n` and lists
 * `a,b,...`; months also JAN..DEC and weekdays SUN..SAT (0 or 7 = Sunday). Anything else (`?`,
 * `L`, `W`, `#`) is rejected with CronError naming the field. As in Vixie cron, when both
 * day-of-month and day-of-week are restricted a day matching either runs.
 *
 * The function gets the event the platform passes to a timer-triggered function:
 * `{Type: 'Timer', TriggerName, Time: '2026-11-22T04:30:00Z', Message: ''}`.
 *
 * A trigger whose previous run is still going is skipped (and logged), never overlapped. Missed
 * seconds are not caught up: a tick runs each due trigger once, for the latest due second.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TriggerConfig {
  name: string;
  type: string;
  config: string;
}

export interface TimerFunction {
  name: string;
  triggers: TriggerConfig[];
}

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** The scheduled second, ISO 8601 UTC without milliseconds. */
  Time: string;
  Message: string;
}

export interface TimerTriggersOptions {
  functions: TimerFunction[];
  invoke: (name: string, event: TimerEvent) => Promise<unknown>;
  now?: () => number;
  log?: (message: string) => void;
  /** Minutes east of UTC the cron is read in. Default 480 (Beijing). */
  utcOffsetMinutes?: number;
}

export class CronError extends Error {}

const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
] as const;

export interface Cron {
  source: string;
  second: Set<number>;
  minute: Set<number>;
  hour: Set<number>;
  dayOfMonth: Set<number>;
  month: Set<number>;
  dayOfWeek: Set<number>;
  year: Set<number>;
  dayOfMonthAny: boolean;
  dayOfWeekAny: boolean;
}

/** Parses WeChat's 7-field cron. Throws CronError with the offending field. */
export function parseCron(source: string): Cron {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 7) {
    throw new CronError(`cron "${source}" must have 7 fields (second minute hour day month weekday year), got ${parts.length}`);
  }
  const sets = parts.map((part, i) => parseField(part, FIELDS[i], source));
  // 7 is another name for Sunday.
  if (sets[5].delete(7)) sets[5].add(0);
  return {
    source,
    second: sets[0],
    minute: sets[1],
    hour: sets[2],
    dayOfMonth: sets[3],
    month: sets[4],
    dayOfWeek: sets[5],
    year: sets[6],
    dayOfMonthAny: parts[3] === '*',
    dayOfWeekAny: parts[5] === '*',
  };
}

function parseField(text: string, field: (typeof FIELDS)[number], source: string): Set<number> {
  const bad = (why: string) => new CronError(`cron "${source}": ${field.name} field "${text}" ${why}`);
  const value = (token: string): number => {
    const names: readonly string[] | undefined = 'names' in field ? field.names : undefined;
    const named = names?.indexOf(token.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + (field.name === 'month' ? 1 : 0) : /^\d+$/.test(token) ? Number(token) : NaN;
    if (Number.isNaN(n)) throw bad(`has "${token}": only numbers, *, */n, a-b, a-b/n and a,b are supported`);
    if (n < field.min || n > field.max) throw bad(`has ${n} outside ${field.min}-${field.max}`);
    return n;
  };
  const out = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw bad('has an empty list item');
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined) throw bad('has more than one "/"');
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw bad(`has step "${stepText}": must be a positive number`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = field.min;
      to = field.name === 'day-of-week' ? 6 : field.max;
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (more !== undefined || !a || !b) throw bad(`has a malformed range "${range}"`);
      from = value(a);
      to = value(b);
      if (from > to) throw bad(`has a backwards range "${range}"`);
    } else {
      from = value(range);
      to = stepText !== undefined ? (field.name === 'day-of-week' ? 6 : field.max) : from;
    }
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

/** Whether the cron fires at this second (`ms` is read in the given UTC offset). */
export function cronMatches(cron: Cron, ms: number, utcOffsetMinutes = 480): boolean {
  const d = new Date(ms + utcOffsetMinutes * 60_000);
  if (!cron.second.has(d.getUTCSeconds()) || !cron.minute.has(d.getUTCMinutes()) || !cron.hour.has(d.getUTCHours())) return false;
  if (!cron.month.has(d.getUTCMonth() + 1) || !cron.year.has(d.getUTCFullYear())) return false;
  const dom = cron.dayOfMonth.has(d.getUTCDate());
  const dow = cron.dayOfWeek.has(d.getUTCDay());
  if (cron.dayOfMonthAny || cron.dayOfWeekAny) return dom && dow;
  return dom || dow;
}

interface Trigger {
  functionName: string;
  name: string;
  cron: Cron;
  running?: Promise<void>;
}

/** Longest window one tick scans second by second; older seconds are not caught up. */
const MAX_SCAN_S = 3600;

export class TimerTriggers {
  private readonly triggers: Trigger[] = [];
  private readonly invoke: TimerTriggersOptions['invoke'];
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly utcOffsetMinutes: number;
  /** The last second already considered (ms, whole seconds). */
  private last: number;
  private timer?: NodeJS.Timeout;

  /** Throws CronError for a timer trigger whose config does not parse. Non-timer triggers are ignored. */
  constructor(opts: TimerTriggersOptions) {
    this.invoke = opts.invoke;
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? ((message) => console.error(message));
    this.utcOffsetMinutes = opts.utcOffsetMinutes ?? 480;
    for (const fn of opts.functions) {
      for (const trigger of fn.triggers) {
        if (trigger.type !== 'timer') continue;
        let cron: Cron;
        try {
          cron = parseCron(trigger.config);
        } catch (e) {
          if (e instanceof CronError) throw new CronError(`function ${fn.name}, trigger ${trigger.name}: ${e.message}`);
          throw e;
        }
        this.triggers.push({ functionName: fn.name, name: trigger.name, cron });
      }
    }
    this.last = floorSecond(this.now());
  }

  /** The timer triggers found, as "function/trigger cron". */
  list(): string[] {
    return this.triggers.map((t) => `${t.functionName}/${t.name} ${t.cron.source}`);
  }

  /** Ticks every second on the wall clock (`now`) until stop(). */
  start(): void {
    if (this.timer) return;
    const schedule = () => {
      const wait = 1000 - (this.now() % 1000) + 5;
      this.timer = setTimeout(() => {
        void this.tick(this.now());
        schedule();
      }, wait);
      this.timer.unref();
    };
    schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Runs every trigger due in (last tick, at] once, for its latest due second, and resolves when
   * the runs started by this tick are done. A trigger still running from before is skipped.
   */
  async tick(at: number): Promise<void> {
    const end = floorSecond(at);
    const start = Math.max(this.last + 1000, end - (MAX_SCAN_S - 1) * 1000);
    if (end < start) return;
    this.last = end;
    const runs: Promise<void>[] = [];
    for (const trigger of this.triggers) {
      let due: number | undefined;
      for (let s = end; s >= start; s -= 1000) {
        if (cronMatches(trigger.cron, s, this.utcOffsetMinutes)) {
          due = s;
          break;
        }
      }
      if (due === undefined) continue;
      if (trigger.running) {
        this.log(`[emulator] timer ${trigger.functionName}/${trigger.name} skipped at ${isoSecond(due)}: previous run still going`);
        continue;
      }
      runs.push(this.run(trigger, due));
    }
    await Promise.all(runs);
  }

  private run(trigger: Trigger, due: number): Promise<void> {
    const event: TimerEvent = { Type: 'Timer', TriggerName: trigger.name, Time: isoSecond(due), Message: '' };
    const running = this.invoke(trigger.functionName, event).then(
      () => undefined,
      (e: unknown) => this.log(`[emulator] timer ${trigger.functionName}/${trigger.name} failed: ${e instanceof Error ? e.message : String(e)}`),
    ).finally(() => {
      trigger.running = undefined;
    });
    trigger.running = running;
    return running;
  }
}

/** The functions in a folder of deployable functions (one folder each with index.js) and their config.json triggers. */
export function loadTimerFunctions(functionsDir: string): TimerFunction[] {
  if (!existsSync(functionsDir)) return [];
  const found: TimerFunction[] = [];
  for (const entry of readdirSync(functionsDir, { withFileTypes: true })) {
    const dir = join(functionsDir, entry.name);
    if (!entry.isDirectory() || !existsSync(join(dir, 'index.js')) || !existsSync(join(dir, 'config.json'))) continue;
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { triggers?: TriggerConfig[] };
    if (config.triggers?.length) found.push({ name: entry.name, triggers: config.triggers });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function isoSecond(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
