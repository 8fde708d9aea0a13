// Function and end-to-end tests run what ships: the bundled functions, built once per jest run.
import { buildFunctions } from '../../scripts/lib/build-functions';

export default async function globalSetup(): Promise<void> {
  await buildFunctions();
}
