/** The SDK's service errors carry the S3 error code as `name` and the HTTP status in `$metadata`. */
interface S3ServiceError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function s3ErrorCode(error: unknown): string | undefined {
  const e = error as S3ServiceError | undefined;
  return e?.Code ?? e?.name;
}

export function s3Status(error: unknown): number | undefined {
  return (error as S3ServiceError | undefined)?.$metadata?.httpStatusCode;
}

export function isNotFound(error: unknown): boolean {
  const code = s3ErrorCode(error);
  return code === 'NoSuchKey' || code === 'NotFound' || s3Status(error) === 404;
}

export function isPreconditionFailed(error: unknown): boolean {
  return s3ErrorCode(error) === 'PreconditionFailed' || s3Status(error) === 412;
}
