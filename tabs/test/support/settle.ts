import { act } from '@testing-library/react';

const MAX_TURNS = 100;

/**
 * Waits until what the rendered app started has run to its end, so a test can assert that something did NOT happen
 * (a second request, another render). One turn lets every callback already queued run — inside act(), so React
 * commits the state they set and runs the effects that follows — and turns repeat until two in a row leave `probe`
 * (requests sent, renders) unchanged. Nothing on these paths uses a timer (the fake fetch answers on promises), so
 * the end is reached by running what is queued, in order, however slow the machine; no clock decides it.
 */
export async function settled(probe: () => number): Promise<void> {
  let last = probe();
  let quiet = 0;
  for (let turn = 0; quiet < 2; turn++) {
    if (turn === MAX_TURNS) throw new Error(`still busy after ${MAX_TURNS} turns: ${last} and counting`);
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    const now = probe();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}
