/**
 * Files on disk, one JSON sidecar per file: `objects/<sha256 of the cloud path>.json` holds the
 * metadata and names the blob `blobs/<same hash>.<version>` holding the bytes.
 *
 * Why per-file JSON rather than one index (JSON or SQLite): every write touches only its own
 * files, each made atomic by write-to-temp + fsync + rename, and writing the sidecar is the commit
 * point. A new version gets a new blob name, so a crash never pairs old metadata with new bytes;
 * it can only leave an orphan blob or temp file, swept at startup. Hashed names keep every cloud
 * path, however odd, out of the file system. Nothing the SDK does needs a listing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface FileMeta {
  cloudPath: string;
  contentType: string;
  size: number;
  /** ms since epoch */
  createdAt: number;
  /** MD5 of the bytes, quoted, as COS reports the ETag of a simple upload. */
  etag: string;
  /** The blob file's name in blobs/. */
  blob: string;
}

const TEMP_MARK = '.tmp-';

export class BlobStore {
  private readonly objects: string;
  private readonly blobs: string;

  constructor(dir: string) {
    this.objects = join(dir, 'objects');
    this.blobs = join(dir, 'blobs');
    mkdirSync(this.objects, { recursive: true });
    mkdirSync(this.blobs, { recursive: true });
    this.sweep();
  }

  meta(cloudPath: string): FileMeta | undefined {
    let text: string;
    try {
      text = readFileSync(this.metaFile(cloudPath), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    return JSON.parse(text) as FileMeta;
  }

  /** The bytes of a file, or undefined when it was removed meanwhile. */
  read(meta: FileMeta): Buffer | undefined {
    try {
      return readFileSync(join(this.blobs, meta.blob));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** Stores (or overwrites: the cloud overwrites an existing path) a file. */
  write(cloudPath: string, bytes: Buffer, contentType: string, now: number): FileMeta {
    const key = hashOf(cloudPath);
    const previous = this.meta(cloudPath);
    const blob = `${key}.${randomBytes(6).toString('hex')}`;
    writeAtomic(join(this.blobs, blob), bytes);
    const meta: FileMeta = {
      cloudPath,
      contentType,
      size: bytes.length,
      createdAt: now,
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      blob,
    };
    writeAtomic(this.metaFile(cloudPath), Buffer.from(JSON.stringify(meta, null, 2)));
    if (previous) rmSync(join(this.blobs, previous.blob), { force: true });
    return meta;
  }

  /** Removes a file; false when there was none. */
  remove(cloudPath: string): boolean {
    const meta = this.meta(cloudPath);
    if (!meta) return false;
    rmSync(this.metaFile(cloudPath), { force: true }); // the commit point, as for writes
    rmSync(join(this.blobs, meta.blob), { force: true });
    return true;
  }

  private metaFile(cloudPath: string): string {
    return join(this.objects, `${hashOf(cloudPath)}.json`);
  }

  /** Drops what an interrupted write or remove left behind: temp files and unreferenced blobs. */
  private sweep(): void {
    const referenced = new Set<string>();
    for (const name of readdirSync(this.objects)) {
      if (name.includes(TEMP_MARK)) rmSync(join(this.objects, name), { force: true });
      else if (name.endsWith('.json')) referenced.add((JSON.parse(readFileSync(join(this.objects, name), 'utf8')) as FileMeta).blob);
    }
    for (const name of readdirSync(this.blobs)) {
      if (!referenced.has(name)) rmSync(join(this.blobs, name), { force: true });
    }
  }
}

function hashOf(cloudPath: string): string {
  return createHash('sha256').update(cloudPath).digest('hex');
}

function writeAtomic(file: string, data: Buffer): void {
  const temp = `${file}${TEMP_MARK}${randomBytes(4).toString('hex')}`;
  const fd = openSync(temp, 'w');
  try {
    for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
