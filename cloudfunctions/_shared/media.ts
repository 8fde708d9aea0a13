// Images are stored as cloud fileIDs (cloud://…), which a browser or an <image> outside the
// mini-program's own cloud cannot load: buyers get temporary URLs instead.
import cloud from 'wx-server-sdk';

const CLOUD_FILE = 'cloud://';
/** getTempFileURL takes at most 50 files per call. */
const MAX_PER_CALL = 50;

/**
 * The URL to show for each ref: a temporary URL for each cloud fileID (one getTempFileURL call
 * per 50 distinct files), '' for a file the cloud cannot serve, and any other ref (a URL the
 * emulator or a CDN serves, or '') as it is.
 */
export async function toDisplayUrls(refs: readonly string[]): Promise<Map<string, string>> {
  const urls = new Map(refs.map((ref) => [ref, ref]));
  const fileIds = [...new Set(refs.filter((ref) => ref.startsWith(CLOUD_FILE)))];
  const batches: string[][] = [];
  for (let i = 0; i < fileIds.length; i += MAX_PER_CALL) batches.push(fileIds.slice(i, i + MAX_PER_CALL));
  try {
    const replies = await Promise.all(batches.map((fileList) => cloud.getTempFileURL({ fileList }) as Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }>));
    for (const file of replies.flatMap((reply) => reply.fileList)) urls.set(file.fileID, file.status === 0 ? file.tempFileURL : '');
  } catch (err) {
    // Goods without pictures still sell; a storefront that fails to open does not.
    console.error('[media] getTempFileURL failed', err);
    for (const fileId of fileIds) urls.set(fileId, '');
  }
  return urls;
}
