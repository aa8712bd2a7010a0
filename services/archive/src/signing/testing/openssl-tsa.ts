import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real RFC 3161 time-stamp authority for tests: OpenSSL's `ts -reply` behind HTTP, with a
 * TSA certificate issued by the test CA in `dir` (ca.pem, ca.key.pem).
 */
export async function startOpensslTsa(
  dir: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const file = (name: string) => path.join(dir, name);
  await writeFile(
    file('tsa.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
  );
  await run('openssl', [
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    file('tsa.key.pem'),
    '-out',
    file('tsa.csr'),
    '-subj',
    '/O=ejournal local/CN=test TSA',
  ]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    file('tsa.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key.pem'),
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    file('tsa.ext'),
    '-out',
    file('tsa.pem'),
  ]);
  await writeFile(file('tsa.serial'), '01\n');
  await writeFile(
    file('tsa.cnf'),
    [
      '[tsa]',
      'default_tsa = tsa_config',
      '[tsa_config]',
      `serial = ${file('tsa.serial')}`,
      'crypto_device = builtin',
      `signer_cert = ${file('tsa.pem')}`,
      `signer_key = ${file('tsa.key.pem')}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      'ess_cert_id_chain = no',
      'ordering = yes',
      'tsa_name = yes',
      '',
    ].join('\n'),
  );
  let sequence = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const id = (sequence += 1);
      try {
        await writeFile(file(`q${id}.tsq`), Buffer.concat(chunks));
        await run('openssl', [
          'ts',
          '-reply',
          '-config',
          file('tsa.cnf'),
          '-queryfile',
          file(`q${id}.tsq`),
          '-out',
          file(`r${id}.tsr`),
        ]);
        response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
        response.end(await readFile(file(`r${id}.tsr`)));
      } catch (error) {
        response.writeHead(500).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
