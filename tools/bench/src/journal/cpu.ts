import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds the processes have used so far (user + system), from /proc. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process has ended
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** The machine's CPU time so far, all cores: total and idle ticks, from /proc/stat. */
function machineTicks() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).slice(1) ?? [];
  const ticks = cpu.map(Number);
  return { total: ticks.reduce((a, b) => a + b, 0), idle: (ticks[3] ?? 0) + (ticks[4] ?? 0) };
}

/** PostgreSQL's server processes serving one database. */
async function backends(admin: Pool, database: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1',
    [database],
  );
  return rows.map((row) => row.pid);
}

/**
 * Starts watching where the CPU goes: `stop()` answers the cores used on average since the
 * start by the journal service, by PostgreSQL for the journal's database and for FerretDB's
 * (every session of its backend database, other users' included; sessions that ended
 * meanwhile are missed), and how busy the machine was (0..1). Linux only (/proc).
 */
export async function watchCpu(admin: Pool, journalPid: number | undefined, journalDb: string) {
  const processes = async () => ({
    service: journalPid === undefined ? [] : [journalPid],
    postgresForJournal: await backends(admin, journalDb),
    postgresForFerretDb: await backends(admin, 'ferretdb'),
  });
  const atStart = new Map<number, number>();
  for (const pid of Object.values(await processes()).flat()) atStart.set(pid, cpuSeconds([pid]));
  const [machine, started] = [machineTicks(), performance.now()];
  return async () => {
    const seconds = (performance.now() - started) / 1000;
    const cores = (pids: number[]) => {
      const spent = pids.reduce((sum, pid) => sum + cpuSeconds([pid]) - (atStart.get(pid) ?? 0), 0);
      return Number((spent / seconds).toFixed(2));
    };
    const now = machineTicks();
    const idle = (now.idle - machine.idle) / Math.max(1, now.total - machine.total);
    const { service, postgresForJournal, postgresForFerretDb } = await processes();
    return {
      serviceCores: cores(service),
      postgresForJournalCores: cores(postgresForJournal),
      postgresForFerretDbCores: cores(postgresForFerretDb),
      machineBusy: Number((1 - idle).toFixed(2)),
    };
  };
}
