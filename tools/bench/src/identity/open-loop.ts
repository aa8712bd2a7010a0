/**
 * Starts `work` at a fixed rate whatever the latency (an open loop, as users arrive), so a
 * slow server shows as latency rather than as a lower offered load.
 */
export async function openLoop(
  perSecond: number,
  seconds: number,
  work: (index: number) => Promise<unknown>,
) {
  const total = Math.round(perSecond * seconds);
  const latenciesMs: number[] = [];
  let failures = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const begin = performance.now();
    inFlight.push(
      work(index).then(
        () => void latenciesMs.push(performance.now() - begin),
        () => void (failures += 1),
      ),
    );
  }
  await Promise.all(inFlight);
  return { latenciesMs, failures, seconds: (performance.now() - started) / 1000 };
}
