import { mongo } from 'mongoose';
import { DependencyProbe, renewedOnFailure, withTimeout } from './dependency-probe';

export function mongoProbe(url: string, timeoutMs = 2000): DependencyProbe {
  const connect = () =>
    new mongo.MongoClient(url, {
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      socketTimeoutMS: timeoutMs * 2,
      maxPoolSize: 1,
    });
  return renewedOnFailure('mongodb', connect, {
    async check(client) {
      const answer = await withTimeout(
        client.db().command({ ping: 1 }),
        timeoutMs + 500,
        'MongoDB API server',
      );
      if (answer['ok'] !== 1) throw new Error('MongoDB API server did not answer ping with ok: 1');
    },
    close: (client) => client.close(),
  });
}
