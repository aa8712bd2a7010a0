export { auditModule, AUDIT_MIGRATIONS, type AuditTokens } from './audit.module';
export { AuditController } from './audit.controller';
export { AuditorReadLog, type AuditorRead } from './auditor-read-log';
export { AuditorReadsInterceptor } from './auditor-reads.interceptor';
export { streamHistory, type HistoryEntry, type StreamHistory } from './stream-history';
