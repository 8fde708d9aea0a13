// `npm run build:functions`
import { buildFunctions } from './lib/build-functions';

buildFunctions().then(
  (names) => console.log(`built ${names.length} cloud function(s) into dist/cloudfunctions: ${names.join(', ')}`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
