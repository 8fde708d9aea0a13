// Applies cloudfunctions/collections.json to a real cloud environment: creates every collection
// that is missing. Run with the environment's id and an API key of its Tencent Cloud account:
//   CLOUD_ENV=prod-xxxx TENCENTCLOUD_SECRETID=... TENCENTCLOUD_SECRETKEY=... npm run deploy:db
// Indexes cannot be created through the server SDK; they are printed for the console.
import cloud from 'wx-server-sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  collections: { name: string; indexes?: { name: string; keys: Record<string, number>; unique?: boolean }[] }[];
}

async function main(): Promise<void> {
  const env = process.env.CLOUD_ENV;
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!env || !secretId || !secretKey) {
    console.error('Set CLOUD_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY.');
    process.exit(2);
  }
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'cloudfunctions', 'collections.json'), 'utf8')) as Manifest;
  // The SDK's typings omit the key pair, which it does accept when run outside the cloud.
  const config = { env, secretId, secretKey };
  cloud.init(config);
  const db = cloud.database();
  for (const collection of manifest.collections) {
    try {
      await db.createCollection(collection.name);
      console.log(`created   ${collection.name}`);
    } catch (err) {
      const text = String((err as Error).message ?? err);
      if (!/exist/i.test(text)) throw err;
      console.log(`exists    ${collection.name}`);
    }
    for (const index of collection.indexes ?? []) {
      const keys = Object.entries(index.keys).map(([field, dir]) => `${field} ${dir === 1 ? 'asc' : 'desc'}`);
      console.log(`  index ${index.name}${index.unique ? ' (unique)' : ''}: ${keys.join(', ')} — create it in the console's 索引管理`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
