/**
 * A real terminal: eventctl's menu in a tmux pane, driven by keystrokes, creating a session type,
 * a session and a block; then the file is checked. And --no-input never waits for input.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, eventIn, SMALL, setup, workspace } from '../helpers.js';

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A detached 140×40 tmux session running `command` in `dir`. */
const openPane = (name: string, dir: string, command: string) =>
  tmux('new-session', '-d', '-s', name, '-x', '140', '-y', '40', '-c', dir, command);

/**
 * eventctl's menu on `file` in a tmux pane: `screen()` is what it shows, `when(text, ...keys)` waits
 * until it shows `text`, then sends the keys (tmux key names or literal text).
 */
function menuPane(name: string, dir: string, file: string) {
  const env = `env -u CI NO_COLOR=1 EVENTCTL_SEED=7 TERM=xterm-256color`;
  openPane(name, dir, `${env} ${process.execPath} ${BIN} -f ${path.basename(file)}; sleep 30`);
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  const when = async (text: string, ...keys: string[]) => {
    for (let i = 0; i < 100 && !screen().includes(text); i++) await sleep(100);
    expect(screen()).toContain(text);
    for (const k of keys) {
      if (['Enter', 'Down', 'Up', 'BSpace', 'Space'].includes(k)) tmux('send-keys', '-t', name, k);
      else tmux('send-keys', '-t', name, '-l', k);
      await sleep(60);
    }
  };
  return { screen, when };
}

describe('the menu in a real terminal (tmux)', () => {
  it('creates a session type, a session and a block through the menu', async () => {
    const { file, dir } = workspace(undefined, SMALL);
    const name = `eventctl-test-${process.pid}`;
    const { screen, when } = menuPane(name, dir, file);
    try {
      await when('Test conference', 'Down', 'Enter'); // Session types
      await when('+ New session type', 'Enter');
      await when('Name', 'Plenary', 'Enter');
      await when('Poster', 'Enter');
      await when('Program code', 'PL', 'Enter');
      await when('Sessions', 'Enter'); // back at the top: Sessions
      await when('+ Add new session', 'Enter');
      await when('Title', 'Opening', 'Enter');
      await when('Session code', 'OP', 'Enter');
      await when('Description', 'Enter');
      await when('Default contribution duration', 'Enter');
      await when('Type', 'Down', 'Enter');
      await when('Default location', 'Enter');
      await when('Colors', 'Enter');
      await when('#1 Opening', 'Enter');
      await when('Session timetable', 'Down', 'Down', 'Down', 'Enter'); // Blocks
      await when('Add a block', 'Down', 'Enter');
      await when('Title', 'Morning', 'Enter');
      await when('Duration', 'Enter');
      await when('Start time', 'Enter');
      await when('Add someone else', 'Enter');
      await when('Default location', 'Enter');
      await when('Program code', 'Enter');
      await when('Added block', 'Up', 'Enter'); // Quit from the session's actions
      for (
        let i = 0;
        i < 50 &&
        !screen().includes('$') &&
        tmux('list-panes', '-t', name, '-F', '#{pane_current_command}').includes('node');
        i++
      )
        await sleep(100);
    } finally {
      try {
        tmux('kill-session', '-t', name);
      } catch {}
    }
    const ev = eventIn(file);
    expect(ev.sessionTypes).toEqual([{ id: 1, name: 'Plenary', code: 'PL' }]);
    expect(ev.sessions?.[0]).toMatchObject({ id: 1, title: 'Opening', code: 'OP', type: 1 });
    expect(ev.sessions?.[0]?.blocks?.[0]).toMatchObject({ title: 'Morning', start: '2026-06-08 09:00', duration: 60 });
  }, 60_000);
});

describe("Indico's timetable tools from the menu (tmux)", () => {
  it('picks a talk in the day and swaps it with the next one', async () => {
    const { file, dir } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'Alpha', '--location', 'Main'],
      ['block', 'add', 'Alpha', '--start', '2026-06-08 09:00', '--duration', '60'],
      ['contribution', 'add', 'First', '--block', '1', '--duration', '20'],
      ['contribution', 'add', 'Second', '--block', '1', '--duration', '30'],
    ]);
    const name = `eventctl-tools-${process.pid}`;
    const { when } = menuPane(name, dir, file);
    try {
      await when('Test conference', 'Down', 'Down', 'Enter'); // Timetable
      await when('Timetable of', 'Enter'); // day 1
      await when('Pick an entry', 'Down', 'Enter'); // the first talk, under its block
      await when('Swap with the entry after', 'Down', 'Enter');
      await when('swapped with contribution', 'Up', 'Enter'); // Quit
      for (let i = 0; i < 50 && tmux('list-panes', '-t', name, '-F', '#{pane_current_command}').includes('node'); i++)
        await sleep(100);
    } finally {
      try {
        tmux('kill-session', '-t', name);
      } catch {}
    }
    const starts = Object.fromEntries((eventIn(file).contributions ?? []).map((c) => [c.title, c.start]));
    expect(starts).toEqual({ First: '2026-06-08 09:30', Second: '2026-06-08 09:00' });
  }, 60_000);
});

describe('never a prompt without a terminal', () => {
  it('--no-input with a missing value is a usage error naming the option, at once, even with stdin open', async () => {
    const { file } = workspace(undefined, SMALL);
    for (const args of [
      ['session', 'add'],
      ['break', 'add', 'Tea'],
      ['type', 'add'],
      ['block', 'add'],
    ]) {
      const child = spawn(process.execPath, [BIN, '-f', file, '--no-input', ...args], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, CI: '' },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill();
          resolve(null);
        }, 5000);
        child.on('close', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect(code, args.join(' ')).toBe(2);
      const [first, , extra] = stderr.split('\n');
      expect(first).toMatch(/^eventctl: (--\S+|[A-Z]+) is required$/);
      expect(stderr).toMatch(/\n {2}Give .*\(eventctl cannot ask: --no-input was given\)/);
      expect(extra).toBe('');
    }
  });
});

describe('placing from the menu (tmux)', () => {
  it('shows the plan, and writes it only when confirmed', async () => {
    const { file, dir } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'Talks'],
      ['block', 'add', 'Talks', '--start', '2026-06-08 09:00', '--duration', '60'],
      ['contribution', 'add', 'Unplaced talk', '--session', 'Talks', '--duration', '20'],
    ]);
    const name = `eventctl-place-${process.pid}`;
    const { when } = menuPane(name, dir, file);
    try {
      await when('Test conference', 'Down', 'Down', 'Down', 'Enter'); // Place unscheduled contributions
      await when('Dry run: Placed 1 contribution');
      expect(eventIn(file).contributions?.[0]?.start).toBeUndefined(); // shown, not written
      await when('Place them so?', 'Enter');
      await when("placed in 'Talks' at 2026-06-08 09:00");
    } finally {
      try {
        tmux('kill-session', '-t', name);
      } catch {}
    }
    expect(eventIn(file).contributions?.[0]).toMatchObject({ block: 1, start: '2026-06-08 09:00' });
  }, 60_000);
});
