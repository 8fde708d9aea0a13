// Timer triggers from config.json: WeChat's 7-field cron, the timer event, no overlapping runs,
// and a real function (fixture `ticker`, unmodified SDK) run by a real emulator on schedule.
import { join } from 'node:path';
import { CronError, TimerTriggers, cronMatches, loadTimerFunctions, parseCron, type TimerEvent } from '../../emulator/timers';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

const FUNCTIONS = join(__dirname, '..', 'functions', 'fixtures');
/** 2026-11-22 12:30:00 in Beijing (a Sunday), 04:30:00 UTC. */
const T0 = Date.UTC(2026, 10, 22, 4, 30, 0);
const sec = (n: number) => T0 + n * 1000;

describe('WeChat cron (7 fields)', () => {
  it('fires every second for all-stars', () => {
    const cron = parseCron('* * * * * * *');
    expect([0, 1, 59].every((n) => cronMatches(cron, sec(n)))).toBe(true);
  });

  it('reads the schedule in Beijing time', () => {
    const noon = parseCron('0 30 12 * * * *');
    expect(cronMatches(noon, T0)).toBe(true);
    expect(cronMatches(noon, T0 + 8 * 3600_000)).toBe(false);
    expect(cronMatches(noon, T0, 0)).toBe(false); // read in UTC it is 04:30
  });

  it('supports steps, ranges, stepped ranges and lists', () => {
    const cron = parseCron('*/15 0-10/5,30 12 22 11 * 2026');
    const fires = (s: number, m: number) => cronMatches(cron, Date.UTC(2026, 10, 22, 4, m, s));
    expect([fires(0, 0), fires(15, 5), fires(45, 10), fires(30, 30)]).toEqual([true, true, true, true]);
    expect([fires(10, 0), fires(0, 3), fires(0, 15), fires(0, 31)]).toEqual([false, false, false, false]);
    expect(cronMatches(cron, Date.UTC(2027, 10, 22, 4, 0, 0))).toBe(false);
  });

  it('accepts month and weekday names and 7 for Sunday', () => {
    expect(cronMatches(parseCron('0 30 12 * NOV SUN *'), T0)).toBe(true);
    expect(cronMatches(parseCron('0 30 12 * * 7 *'), T0)).toBe(true);
    expect(cronMatches(parseCron('0 30 12 * * MON-SAT *'), T0)).toBe(false);
  });

  it('runs on either day when both day-of-month and day-of-week are restricted', () => {
    const cron = parseCron('0 30 12 1 * 0 *');
    expect(cronMatches(cron, T0)).toBe(true); // the 22nd, but a Sunday
    expect(cronMatches(cron, Date.UTC(2026, 10, 23, 4, 30, 0))).toBe(false); // Monday the 23rd
  });

  it.each([
    ['0 */1 * * * *', /7 fields/],
    ['0 0 12 ? * * *', /day-of-month field "\?"/],
    ['0 0 12 L * * *', /day-of-month field "L"/],
    ['0 0 12 * * 1#2 *', /day-of-week field "1#2"/],
    ['60 * * * * * *', /second field "60" has 60 outside 0-59/],
    ['*/0 * * * * * *', /step "0"/],
    ['0 0 5-1 * * * *', /backwards range/],
  ])('rejects %s clearly', (config, message) => {
    expect(() => parseCron(config)).toThrow(CronError);
    expect(() => parseCron(config)).toThrow(message);
  });

  it('names the function and trigger when a config.json cron is wrong', () => {
    const build = () =>
      new TimerTriggers({ functions: [{ name: 'orders', triggers: [{ name: 'expire', type: 'timer', config: '0 0 * * *' }] }], invoke: async () => undefined });
    expect(build).toThrow('function orders, trigger expire');
  });
});

describe('TimerTriggers', () => {
  function triggers(config: string, invoke: (name: string, event: TimerEvent) => Promise<unknown>, logs: string[] = []) {
    return new TimerTriggers({
      functions: [
        { name: 'orders', triggers: [{ name: 'expire', type: 'timer', config }, { name: 'hook', type: 'http', config: '' }] },
        { name: 'plain', triggers: [] },
      ],
      invoke,
      now: () => T0,
      log: (m) => logs.push(m),
    });
  }

  it('invokes a due function with the timer event WeChat passes', async () => {
    const calls: [string, TimerEvent][] = [];
    const timers = triggers('0 */1 * * * * *', async (name, event) => calls.push([name, event]));
    await timers.tick(sec(59));
    expect(calls).toEqual([]);
    await timers.tick(sec(61));
    expect(calls).toEqual([['orders', { Type: 'Timer', TriggerName: 'expire', Time: '2026-11-22T04:31:00Z', Message: '' }]]);
    expect(timers.list()).toEqual(['orders/expire 0 */1 * * * * *']);
  });

  it('runs a trigger once per tick for its latest due second, without catching up', async () => {
    const times: string[] = [];
    const timers = triggers('* * * * * * *', async (_name, event) => times.push(event.Time));
    await timers.tick(sec(5));
    await timers.tick(sec(5)); // same second again: nothing new is due
    await timers.tick(sec(6));
    await timers.tick(sec(10)); // 7, 8 and 9 were missed: only 10 runs
    expect(times).toEqual(['2026-11-22T04:30:05Z', '2026-11-22T04:30:06Z', '2026-11-22T04:30:10Z']);
  });

  it('skips a trigger whose previous run is still going, and logs it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const logs: string[] = [];
    const timers = triggers('* * * * * * *', async () => {
      runs += 1;
      await gate;
    }, logs);

    const first = timers.tick(sec(1));
    await timers.tick(sec(2));
    expect(runs).toBe(1);
    expect(logs).toEqual(['[emulator] timer orders/expire skipped at 2026-11-22T04:30:02Z: previous run still going']);

    release();
    await first;
    await timers.tick(sec(3));
    expect(runs).toBe(2);
  });

  it('logs a failed run and keeps the schedule', async () => {
    const logs: string[] = [];
    let runs = 0;
    const timers = triggers('* * * * * * *', async () => {
      runs += 1;
      throw new Error('boom');
    }, logs);
    await timers.tick(sec(1));
    await timers.tick(sec(2));
    expect(runs).toBe(2);
    expect(logs[0]).toContain('orders/expire failed: boom');
  });

  it('ticks on the wall clock after start() and stops after stop()', async () => {
    let runs = 0;
    const timers = new TimerTriggers({
      functions: [{ name: 'orders', triggers: [{ name: 'expire', type: 'timer', config: '* * * * * * *' }] }],
      invoke: async () => (runs += 1),
    });
    timers.start();
    await new Promise((resolve) => setTimeout(resolve, 2200));
    timers.stop();
    const seen = runs;
    expect(seen).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(runs).toBe(seen);
  });
});

describe('timer triggers on a real emulator', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: FUNCTIONS, seed: false });
  });
  afterAll(() => emu.close());

  it('finds the timer triggers declared in config.json', () => {
    expect(loadTimerFunctions(FUNCTIONS)).toEqual([{ name: 'ticker', triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }]);
  });

  it('runs the ticker function each second, which writes through the unmodified SDK', async () => {
    const timers = new TimerTriggers({
      functions: loadTimerFunctions(FUNCTIONS),
      now: () => T0,
      invoke: async (name, event) => {
        const outcome = await emu.functions.invoke(name, event, {});
        if (!outcome.ok) throw new Error(`${outcome.kind}: ${outcome.message}`);
        return outcome.result;
      },
    });
    await timers.tick(sec(1));
    await timers.tick(sec(2));
    await timers.tick(sec(3));

    const runs = emu.db.find('tickerRuns');
    expect(runs.map((doc) => doc.event)).toEqual(
      [1, 2, 3].map((n) => ({ Type: 'Timer', TriggerName: 'everySecond', Time: `2026-11-22T04:30:0${n}Z`, Message: '' })),
    );
    expect(emu.logs).toEqual([]);
  });
});
