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

/** Lets the user pick (or take) up to `count` photos and uploads them; [] when they cancel. */
export async function chooseAndUpload(count: number): Promise<Uploaded[]> {
  let paths: string[];
  try {
    const picked = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    paths = picked.tempFiles.map((file) => file.tempFilePath);
  } catch {
    return []; // cancelled
  }
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
