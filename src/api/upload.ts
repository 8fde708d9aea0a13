// Image upload (mini-program): pick photos, put each into cloud storage, get its fileID.
// The H5 build posts to the emulator instead (upload.h5.ts).
import Taro from '@tarojs/taro';

export interface Uploaded {
  /** What to store: the cloud fileID. */
  fileID: string;
  /** What to show right away. */
  url: string;
}

function extensionOf(path: string): string {
  const match = /\.(\w{2,5})$/.exec(path);
  return match ? match[1].toLowerCase() : 'jpg';
}

/** Runs the photo picker behind the privacy gate (src/utils/privacy.ts): its result, or null. */
export type PickGate = <T>(pick: () => Promise<T>) => Promise<T | null>;

/** Lets the user pick (or take) up to `count` photos and uploads them; [] when they cancel or do not agree. */
export async function chooseAndUpload(count: number, gate: PickGate): Promise<Uploaded[]> {
  const picked = await gate(() => Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] }));
  if (!picked) return [];
  const paths = picked.tempFiles.map((file) => file.tempFilePath);
  const uploaded: Uploaded[] = [];
  for (const filePath of paths) {
    const cloudPath = `uploads/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${extensionOf(filePath)}`;
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath });
    uploaded.push({ fileID, url: filePath });
  }
  return uploaded;
}

/** What an <Image> can show for a stored ref: the mini-program shows cloud fileIDs itself. */
export function displayUrl(ref: string): string {
  return ref;
}
