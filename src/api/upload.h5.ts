// Image upload on the local H5 build: pick files in the browser and post each one to the
// emulator's POST /api/upload (multipart field `file`), which answers as wx.cloud.uploadFile would.
import Taro from '@tarojs/taro';
import { currentOpenId } from './identity.h5';

export interface Uploaded {
  fileID: string;
  url: string;
}

/** Temp URLs of files uploaded in this session: a browser cannot show a cloud:// fileID. */
const urlsByFileId = new Map<string, string>();

async function uploadOne(file: Blob, name: string): Promise<Uploaded> {
  const form = new FormData();
  form.append('file', file, name);
  const headers: Record<string, string> = {};
  const openId = currentOpenId();
  if (openId) headers['X-Cactus-OpenId'] = openId;
  const response = await fetch(`${process.env.TARO_APP_GATEWAY}/api/upload`, { method: 'POST', headers, body: form });
  if (!response.ok) throw new Error(`upload failed: HTTP ${response.status}`);
  const uploaded = (await response.json()) as Uploaded;
  urlsByFileId.set(uploaded.fileID, uploaded.url);
  return uploaded;
}

export type PickGate = <T>(pick: () => Promise<T>) => Promise<T | null>;

/** Lets the user pick up to `count` images and uploads them; [] when they cancel. */
export async function chooseAndUpload(count: number, gate: PickGate): Promise<Uploaded[]> {
  const picked = await gate(() => Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] }));
  if (!picked) return [];
  const files = picked.tempFiles as { path: string; originalFileObj?: Blob }[];
  const uploaded: Uploaded[] = [];
  for (const [index, file] of files.entries()) {
    const blob = file.originalFileObj ?? (await (await fetch(file.path)).blob());
    uploaded.push(await uploadOne(blob, (blob as File).name || `photo-${index}.jpg`));
  }
  return uploaded;
}

/** What an <Image> can show for a stored ref: a URL as it is, a fileID uploaded here by its temp URL. */
export function displayUrl(ref: string): string {
  if (!ref.startsWith('cloud://')) return ref;
  return urlsByFileId.get(ref) ?? '';
}
