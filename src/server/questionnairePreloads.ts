import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `<id>.v<version>.json`, as the build names the questionnaire files the app fetches. */
const FILE = /^(.+)\.v([1-9][0-9]*)\.json$/;
const NEW_RESPONSE = /^\/ny\/([^/]+)$/;

/**
 * The `Link` header that has a browser fetch a new response's questionnaire file alongside the
 * app's code. `/ny/<id>` shows the newest version's first question, and the app asks for that file
 * only once its code has arrived and started: on a slow phone network one round trip and the
 * file's transfer later (Lighthouse's simulated slow 4G: about 0.2 s of the first question's
 * 2.2–2.8 s). The files are those of the built app (`<dist>/questionnaires`), read once at start,
 * so the header names exactly what the app will ask for; `crossorigin` matches the app's plain
 * `fetch` (CORS mode, same-origin credentials), so the browser uses the preloaded reply.
 */
export function questionnairePreloads(staticRoot: string): (path: string) => string | undefined {
  const dir = join(staticRoot, 'questionnaires');
  const newest = new Map<string, { version: number; file: string }>();
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)) {
      const match = FILE.exec(file);
      if (!match?.[1] || !match[2]) continue;
      const [id, version] = [match[1], Number(match[2])];
      const current = newest.get(id);
      if (!current || version > current.version) newest.set(id, { version, file });
    }
  }
  return (path) => {
    const id = NEW_RESPONSE.exec(path)?.[1];
    // Only ids the build has a file for: any other segment finds nothing.
    const entry = id === undefined ? undefined : newest.get(id);
    return entry && `</questionnaires/${entry.file}>; rel=preload; as=fetch; crossorigin`;
  };
}
