/**
 * The respondent's own link (SYNC.md SY17) and its QR code. The QR library
 * (`qrcode-generator`, MIT, no dependencies) is imported only when a slip is
 * shown, so it lands in a chunk of its own, never on the answering route.
 */

/** `<origin>/i/<token>`: the invitation route claims it (`parseRoute` decodes the token). */
export function respondentLink(origin: string, respondentToken: string): string {
  return `${origin}/i/${encodeURIComponent(respondentToken)}`;
}

export interface QrPicture {
  /** Modules per side, quiet zone included: the SVG's viewBox is `0 0 size size`. */
  readonly size: number;
  /** One SVG path of the dark modules, one unit each. */
  readonly path: string;
}

/** The quiet zone the QR standard asks for around the code, in modules. */
export const QUIET_ZONE = 4;

/** The dark modules as one path, each row's runs as rectangles: a few hundred commands, not one per module. */
export function qrPath(count: number, isDark: (row: number, col: number) => boolean): QrPicture {
  const commands: string[] = [];
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && isDark(row, col)) col++;
      const length = col - start;
      commands.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${length}v1h-${length}z`);
    }
  }
  return { size: count + 2 * QUIET_ZONE, path: commands.join('') };
}

/**
 * The link as a QR code, error correction level M (a slip survives a fold or
 * a smudge), in byte mode over the link's UTF-8: the library's default byte
 * conversion keeps only the low 8 bits of each UTF-16 unit.
 */
export async function qrPictureOf(text: string): Promise<QrPicture> {
  const { default: qrcode } = await import('qrcode-generator');
  const code = qrcode(0, 'M');
  code.addData(String.fromCharCode(...new TextEncoder().encode(text)), 'Byte');
  code.make();
  return qrPath(code.getModuleCount(), (row, col) => code.isDark(row, col));
}
