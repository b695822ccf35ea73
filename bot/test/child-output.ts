import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the first match of `pattern` in a child process's output as soon as it is written (checked on every
 * chunk), rejects when the process exits first or after `timeoutMs`. The timeout is an upper bound for CI's busy
 * 2-core machine; a start that works is seen the moment its line is out.
 *
 * `output` returns everything read so far; the caller's own 'data' listeners must be attached before this is called,
 * so they have added each chunk by the time this checks it.
 */
export function waitForOutput(
  child: ChildProcess,
  output: () => string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const streams = [child.stdout, child.stderr].filter((s) => s !== null);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      for (const s of streams) s.off('data', check);
      child.off('exit', exited);
      settle();
    };
    const check = () => {
      const m = pattern.exec(output());
      if (m) finish(() => resolve(m));
    };
    const exited = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(() => reject(new Error(`exited (${signal ?? code}) before writing ${pattern}:\n${output()}`)));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${output()}`))),
      timeoutMs,
    );
    for (const s of streams) s.on('data', check);
    child.on('exit', exited);
    if (child.exitCode !== null || child.signalCode !== null) exited(child.exitCode, child.signalCode);
    else check();
  });
}
