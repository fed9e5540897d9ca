import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../contract/index.ts';

/** 256 random bits, URL-safe. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of text (as UTF-8), lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

/** Constant-time comparison for the admin token from the environment. */
export function isSameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  // Printable characters: admin tokens may be base64 (+ / =), ours are base64url.
  const match = /^Bearer ([\x21-\x7e]{16,500})$/.exec(header ?? '');
  return match?.[1];
}

/** SHA-256 of a value as canonical JSON (sorted keys), so equal content hashes equal. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
