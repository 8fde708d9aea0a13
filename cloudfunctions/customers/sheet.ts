// The book as an .xlsx (exceljs): one row per customer, amounts in yuan from integer fen (two
// decimals, exact to the fen), phone numbers kept as text so a spreadsheet never turns them into
// 1.38E+10, times in Asia/Shanghai.
import ExcelJS from 'exceljs';
import { CUSTOMER_SHEET_COLUMNS, type CustomerRow } from '@core/contracts';
import { formatShanghai } from '@core/dates';

const WIDTHS = [12, 16, 10, 12, 10, 18, 18, 24, 40];

export async function writeCustomerSheet(rows: readonly CustomerRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '仙人掌小店';
  const sheet = workbook.addWorksheet('熟客本', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CUSTOMER_SHEET_COLUMNS.map((header, index) => ({ header, width: WIDTHS[index] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(2).numFmt = '@';
  for (const column of [4, 5]) sheet.getColumn(column).numFmt = '0.00';
  const time = (at: number) => formatShanghai(at, 'YYYY-MM-DD HH:mm');
  sheet.addRows(
    rows.map((row) => [row.name, row.phone, row.orderCount, row.spentFen / 100, row.refundedFen / 100, time(row.firstOrderAt), time(row.lastOrderAt), row.tags.join(' ') || null, row.note || null]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
