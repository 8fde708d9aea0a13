// A spreadsheet the vendor filled (the 发货单 with 快递单号), picked from a WeChat chat and put into
// cloud storage for the shipping function to read. The H5 build posts it to the emulator instead
// (sheet-upload.h5.ts).
import Taro from '@tarojs/taro';
import type { PickGate } from './upload';

/**
 * Where the picked file goes: a path in the vendor's own upload folder, handed out by the shipping
 * function (importUploadPath), the only place the import reads from (src/core/uploads.ts).
 */
export type SheetPath = () => Promise<string>;

/** Lets the vendor pick one .xlsx from a chat (where WPS/Excel files arrive) and uploads it; its fileID, or null when they cancel or do not agree. */
export async function chooseAndUploadSheet(gate: PickGate, pathFor: SheetPath): Promise<string | null> {
  let picked: Awaited<ReturnType<typeof Taro.chooseMessageFile>> | null;
  try {
    picked = await gate(() => Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] }));
  } catch {
    return null; // cancelled
  }
  const file = picked?.tempFiles[0];
  if (!file) return null;
  const cloudPath = await pathFor();
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: file.path });
  return fileID;
}
