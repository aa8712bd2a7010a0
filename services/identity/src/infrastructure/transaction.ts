export { inTransaction } from '@ejournal/write-path';
