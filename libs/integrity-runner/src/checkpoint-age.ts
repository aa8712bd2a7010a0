import { logSize, recentCheckpoints } from '@ejournal/integrity';
import { metrics, type ObservableCallback } from '@opentelemetry/api';
import type { Pool } from 'pg';

/**
 * `ejournal.integrity.checkpoint_age`: how long the store's record has gone without a signed
 * checkpoint covering it. Seconds since the newest checkpoint while the Merkle log holds
 * leaves that checkpoint does not cover; 0 while every leaf is signed (a quiet store is not
 * late). Observed, when metrics are collected, by the replica holding the integrity lease: one
 * series per log, whatever the replicas. It grows when signing stops: no key, a signer that
 * fails, a lease that nobody takes over. Returns the function that stops observing.
 */
export function observeCheckpointAge(pool: Pool, logId: string, isLeader: () => boolean) {
  const gauge = metrics
    .getMeter('@ejournal/integrity-runner')
    .createObservableGauge('ejournal.integrity.checkpoint_age', {
      unit: 's',
      description:
        'Seconds the newest leaves of the Merkle log have waited for a signed checkpoint',
    });
  const observe: ObservableCallback = async (result) => {
    if (!isLeader()) return;
    const [[newest], size] = await Promise.all([recentCheckpoints(pool, 1), logSize(pool)]);
    if (!newest) return;
    const age = size > newest.treeSize ? (Date.now() - Date.parse(newest.signedAt)) / 1000 : 0;
    result.observe(age, { 'ejournal.integrity.log_id': logId });
  };
  gauge.addCallback(observe);
  return () => gauge.removeCallback(observe);
}
