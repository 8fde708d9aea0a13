// H5 uploads: the browser has no wx.cloud.uploadFile, so the H5 app posts the image here and
// gets back what the mini-program would: a cloud fileID (plus a temp URL to show it at once).
import { randomBytes } from 'node:crypto';
import type { CloudStorage } from './storage';

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };
/** The one other file the H5 app uploads: a vendor's filled 发货单 (the real cloud storage takes any file). */
const SHEET_TYPES: Record<string, string> = { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx' };

export type UploadOutcome = { status: 200; body: { fileID: string; url: string } } | { status: 400 | 413 | 415; body: { errMsg: string } };

export async function uploadImage(storage: CloudStorage, body: Buffer, contentType: string, openid: string | undefined): Promise<UploadOutcome> {
  if (!contentType.startsWith('multipart/form-data')) return { status: 400, body: { errMsg: 'uploadFile:fail send the image as multipart field "file"' } };
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { status: 400, body: { errMsg: 'uploadFile:fail the multipart body does not parse' } };
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') return { status: 400, body: { errMsg: 'uploadFile:fail missing multipart field "file"' } };
  const ext = IMAGE_TYPES[file.type] ?? SHEET_TYPES[file.type];
  if (!ext) return { status: 415, body: { errMsg: `uploadFile:fail only images (and .xlsx sheets) can be uploaded, not ${file.type || 'unknown'}` } };
  if (file.size > MAX_IMAGE_BYTES) return { status: 413, body: { errMsg: 'uploadFile:fail image larger than 10 MB' } };
  const cloudPath = `uploads/${openid ?? 'visitor'}/${Date.now()}-${randomBytes(4).toString('hex')}.${ext}`;
  const fileID = storage.put(cloudPath, Buffer.from(await file.arrayBuffer()), file.type);
  const reply = await storage.handleAdmin({ action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: fileID }] });
  const [entry] = (reply.data as { download_list: { tempFileURL: string }[] }).download_list;
  return { status: 200, body: { fileID, url: entry.tempFileURL } };
}
