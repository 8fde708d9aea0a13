// The 发货单 as an .xlsx file (exceljs): written from the pure rows, and read back from a vendor's
// filled copy with every guard a hostile file needs: size, the zip's inflated size (a zip bomb),
// the number of rows, formulas and the columns.
import ExcelJS from 'exceljs';
import { AppError } from '@core/errors';
import { IMPORT_HEADERS, SHEET_COLUMNS, type ImportRow, type SheetCell } from '@core/shipping-workspace';

/** The largest file an import takes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The most data rows an import reads: one row per order line of a large day. */
export const MAX_ROWS = 5000;
/** The most the file's parts may inflate to; exceljs holds the whole workbook in memory. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

const WIDTHS = [8, 16, 12, 20, 12, 8, 10, 20, 10, 14, 36, 16, 18, 12, 20];

/** The workbook's bytes: one sheet 发货单, a bold frozen header, text columns kept as text. */
export async function writeSheet(rows: readonly SheetCell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '仙人掌小店';
  const sheet = workbook.addWorksheet('发货单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SHEET_COLUMNS.map((header, index) => ({ header, width: WIDTHS[index] }));
  sheet.getRow(1).font = { bold: true };
  // Order, phone and tracking numbers as text, so a spreadsheet never turns them into 1.23E+15.
  for (const column of [2, 10, 15]) sheet.getColumn(column).numFmt = '@';
  sheet.getColumn(7).numFmt = '0.00';
  // An empty text is no cell at all, as a person leaves it.
  sheet.addRows(rows.map((row) => row.map((cell) => (cell === '' ? null : cell))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The sum of the zip's inflated sizes, from its central directory; null when the bytes are no zip.
 * (exceljs would inflate every part before anything could be counted.)
 */
function inflatedSize(bytes: Buffer): number | null {
  const EOCD = 0x06054b50;
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= from; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) { end = at; break; }
  }
  if (end < 0) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const size = bytes.readUInt32LE(at + 24);
    // 0xffffffff: a zip64 entry, over 4 GB; nothing a shipping sheet needs.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

/** A cell as the text a person sees in it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return '';
  if (value instanceof Date) return '';
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  return '';
}

const isFormula = (cell: ExcelJS.Cell) => cell.type === ExcelJS.ValueType.Formula || (typeof cell.value === 'object' && cell.value !== null && ('formula' in cell.value || 'sharedFormula' in cell.value));

export interface ReadSheet {
  /** Every data row (numbered as the spreadsheet numbers them); carrier '' throughout when the sheet has no 快递公司 column. */
  rows: ImportRow[];
  /** Whether the sheet has a 快递公司 column; a two-column sheet (订单号 and 单号) has none. */
  hasCarrier: boolean;
}

/** The order number, carrier and tracking number of every data row. */
export async function readSheet(bytes: Buffer): Promise<ReadSheet> {
  if (bytes.length > MAX_FILE_BYTES) throw new AppError('SHEET_TOO_LARGE');
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new AppError('SHEET_INVALID');
  const inflated = inflatedSize(bytes);
  if (inflated === null) throw new AppError('SHEET_INVALID');
  if (inflated > MAX_INFLATED_BYTES) throw new AppError('SHEET_TOO_LARGE');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's Buffer type predates Node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('SHEET_INVALID');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('SHEET_INVALID');
  if (sheet.actualRowCount > MAX_ROWS + 1) throw new AppError('SHEET_TOO_LARGE');

  const header = sheet.getRow(1);
  const columnOf = (names: readonly string[]) => {
    let found = 0;
    header.eachCell((cell, column) => {
      if (!found && names.includes(cellText(cell.value).replace(/\s+/g, ''))) found = column;
    });
    return found;
  };
  const columns = { orderNo: columnOf(IMPORT_HEADERS.orderNo), carrier: columnOf(IMPORT_HEADERS.carrier), number: columnOf(IMPORT_HEADERS.number) };
  if (!columns.orderNo || !columns.number) throw new AppError('SHEET_COLUMNS_MISSING');

  const rows: ImportRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    if (rowNumber > MAX_ROWS + 1) throw new AppError('SHEET_TOO_LARGE');
    let formula = false;
    row.eachCell((cell) => {
      if (isFormula(cell)) formula = true;
    });
    const text = (column: number) => cellText(row.getCell(column).value);
    rows.push({ row: rowNumber, orderNo: text(columns.orderNo), carrier: columns.carrier ? text(columns.carrier) : '', number: text(columns.number), formula });
  });
  return { rows, hasCarrier: columns.carrier > 0 };
}
