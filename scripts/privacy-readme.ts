// Writes the README's list of 用户隐私保护指引 items from src/core/privacy.ts (the table the app's
// requiredPrivateInfos and privacy gate use). `--check` only says whether the README is current.
// Usage: npm run privacy:readme [-- --check]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withPrivacyBlock } from '../src/core/privacy';

const readmePath = path.resolve(__dirname, '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = withPrivacyBlock(readme);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md privacy items differ from src/core/privacy.ts: run `npm run privacy:readme`.');
    process.exit(1);
  }
  console.log('README.md privacy items match src/core/privacy.ts.');
} else {
  writeFileSync(readmePath, updated);
  console.log(updated === readme ? 'README.md privacy items already current.' : 'README.md privacy items updated from src/core/privacy.ts.');
}
