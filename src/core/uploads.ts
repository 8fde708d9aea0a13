// Whose file a cloud fileID is. The server cannot ask cloud storage who uploaded a file (only the
// client-side security rules see its creator), so a person's own uploads go in a folder named by
// their openid: the H5 gateway's /api/upload puts them there (emulator/uploads.ts), and the
// mini-program uploads to a path the function hands out (shipping.importUploadPath). A function
// that reads a file on someone's behalf accepts only a file in that person's own folder, so nobody
// gets another person's file read back to them by naming its fileID.

/** The folder of a person's own uploads. */
export const uploadFolderOf = (openid: string): string => `uploads/${openid}/`;

/** The cloud path of a fileID (cloud://<env>.<bucket>/<path>); null when it is no fileID. */
export function cloudPathOfFileId(fileID: string): string | null {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  return match ? match[1] : null;
}

/** Whether the fileID names a file directly in the caller's own upload folder (no sub-folder, no "." or ".." tricks). */
export function isOwnUpload(fileID: string, openid: string): boolean {
  const path = cloudPathOfFileId(fileID);
  const folder = uploadFolderOf(openid);
  if (!openid || !path || !path.startsWith(folder)) return false;
  const name = path.slice(folder.length);
  return name.length > 0 && !name.includes('/') && name !== '.' && name !== '..';
}
