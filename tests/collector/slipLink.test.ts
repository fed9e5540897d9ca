import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import {
  QUIET_ZONE,
  qrPath,
  qrPictureOf,
  respondentLink,
} from '../../src/features/collector/slipLink.ts';
import { parseRoute } from '../../src/platform/router.ts';

/** The unit squares a path of `M x y h n v 1 h -n z` runs covers, as "row,col" of the code. */
function darkCells(path: string): Set<string> {
  const cells = new Set<string>();
  for (const [, x, y, n] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(n); i++)
      cells.add(`${Number(y) - QUIET_ZONE},${Number(x) + i - QUIET_ZONE}`);
  }
  return cells;
}

describe('the respondent’s slip (SY17)', () => {
  it('links to the invitation route, which reads back the very token', () => {
    const token = 'aB3_-x'.repeat(7);
    const link = respondentLink('https://barometer.example', token);
    expect(link).toBe(`https://barometer.example/i/${token}`);
    // A token is printable ASCII (BEARER_TOKEN): one with URL characters survives the address too.
    const odd = 'a/b?c#d%e'.padEnd(20, 'z');
    expect(parseRoute(new URL(respondentLink('https://x.example', odd)).pathname)).toEqual({
      name: 'invitation',
      token: odd,
    });
  });

  it('draws exactly the dark modules of the QR code, inside a quiet zone of four', async () => {
    const link = respondentLink('https://barometer.example', 'q'.repeat(43));
    const picture = await qrPictureOf(link);
    const code = qrcode(0, 'M');
    code.addData(link, 'Byte');
    code.make();
    const count = code.getModuleCount();
    expect(picture.size).toBe(count + 2 * QUIET_ZONE);
    const expected = new Set<string>();
    for (let row = 0; row < count; row++)
      for (let col = 0; col < count; col++)
        if (code.isDark(row, col)) expected.add(`${row},${col}`);
    expect(darkCells(picture.path)).toEqual(expected);
    // Runs, not one square per module.
    expect(picture.path.split('M').length - 1).toBeLessThan(expected.size);
  });

  it('encodes the link’s UTF-8, not the low byte of each character', async () => {
    const ascii = qrPath(3, (row, col) => row === col);
    expect(ascii).toEqual({ size: 11, path: 'M4 4h1v1h-1zM5 5h1v1h-1zM6 6h1v1h-1z' });
    const link = 'https://bærum.example/i/token';
    const code = qrcode(0, 'M');
    code.addData(String.fromCharCode(...new TextEncoder().encode(link)), 'Byte');
    code.make();
    const truncated = qrcode(0, 'M');
    truncated.addData(link, 'Byte');
    truncated.make();
    const picture = await qrPictureOf(link);
    expect(picture).toEqual(qrPath(code.getModuleCount(), (r, c) => code.isDark(r, c)));
    expect(picture).not.toEqual(
      qrPath(truncated.getModuleCount(), (r, c) => truncated.isDark(r, c)),
    );
  });
});
