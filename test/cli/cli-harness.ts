import { spawn } from 'node:child_process';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

/** Runs the CLI in-process, capturing its output. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await main(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/**
 * Runs the CLI from source in a child process (for signals, kill -9 and pipes). `onOutput` sees
 * stdout as it arrives and may act on the child (e.g. send a signal).
 */
export function cliProcess(args: readonly string[], onOutput?: (text: string, kill: (signal: NodeJS.Signals) => void) => void): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      onOutput?.(out, (s) => child.kill(s));
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code, signal) => done({ code, signal, out, err }));
  });
}
