import { listSigningKeys } from '@ejournal/integrity';
import { Pool } from 'pg';
import { timeExportVerify, type ExportVerifyJob } from './export-verify';

/**
 * The timed part of the export bench in a process of its own (see `measureExportVerify`): the
 * store's public keys read as an auditor is handed them, then the export to the job's file and
 * the file's offline verification. Prints the figures as one JSON line.
 */
async function main(job: ExportVerifyJob) {
  // As many connections as the bench store's pools have.
  const pool = new Pool({ connectionString: job.appUrl, max: 4 });
  try {
    const keys = await listSigningKeys(pool);
    const figures = await timeExportVerify(pool, job.events, keys, job.file);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await pool.end();
  }
}

main(JSON.parse(process.env['EXPORT_VERIFY_JOB'] ?? '{}') as ExportVerifyJob).catch((error) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exitCode = 1;
});
