/**
 * The id rules of the API. A response id is a UUID the device makes when the
 * draft is created (SYNC.md SY1); questionnaire, question, option and
 * indicator ids are the specs' ids (lowercase ASCII, so never `__proto__`).
 */

/** RFC 9562 UUID, lowercase, versions 1–8. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const ID = /^[a-z0-9][a-z0-9_.-]*$/;

export const isResponseId = (value: string): boolean => UUID.test(value);

/**
 * A token the client can send back as `Authorization: Bearer <token>`:
 * printable ASCII without spaces, as the server's bearer check requires.
 */
export const BEARER_TOKEN = /^[\x21-\x7e]{16,500}$/;
