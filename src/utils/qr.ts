// A QR code as rows of runs of dark and light modules, for drawing with plain views: the same on
// weapp and H5, with no canvas and no image file (the `qrcode` package only encodes here).
import { create } from 'qrcode';

export type QrRun = { dark: boolean; length: number };

export function qrRows(text: string): { size: number; rows: QrRun[][] } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const rows: QrRun[][] = [];
  for (let y = 0; y < modules.size; y++) {
    const row: QrRun[] = [];
    for (let x = 0; x < modules.size; x++) {
      const dark = Boolean(modules.get(y, x));
      const last = row[row.length - 1];
      if (last && last.dark === dark) last.length++;
      else row.push({ dark, length: 1 });
    }
    rows.push(row);
  }
  return { size: modules.size, rows };
}
