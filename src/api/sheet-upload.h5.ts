// The filled 发货单 on the local H5 build: the browser's file picker, then POST /api/upload on the
// emulator (multipart field `file`), which answers with a cloud fileID as wx.cloud.uploadFile would.
import { currentOpenId } from './identity.h5';
import type { PickGate } from './upload.h5';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = `.xlsx,${XLSX}`;
    input.className = 'sheet-file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Lets the vendor pick one .xlsx and uploads it; its fileID, or null when they pick nothing. The
 * gateway puts it in the caller's own upload folder itself, so no path is asked for (the
 * mini-program's version takes one from `pathFor`).
 */
export async function chooseAndUploadSheet(gate: PickGate, _pathFor?: () => Promise<string>): Promise<string | null> {
  const file = await gate(pickFile);
  if (!file) return null;
  const form = new FormData();
  // Browsers leave the type empty for some .xlsx files; the emulator goes by it.
  form.append('file', new Blob([await file.arrayBuffer()], { type: XLSX }), file.name || 'sheet.xlsx');
  const headers: Record<string, string> = {};
  const openId = currentOpenId();
  if (openId) headers['X-Cactus-OpenId'] = openId;
  const response = await fetch(`${process.env.TARO_APP_GATEWAY}/api/upload`, { method: 'POST', headers, body: form });
  if (!response.ok) throw new Error(`upload failed: HTTP ${response.status}`);
  return ((await response.json()) as { fileID: string }).fileID;
}
