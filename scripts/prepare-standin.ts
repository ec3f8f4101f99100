import { prepareStandIn, STANDIN_DIR } from '../src/db/standin';

// Fetches the stand-in's jars from Maven Central into ~/.m2 and compiles its launcher, so later
// runs (tests, `npm run dev`) start it offline. CI calls this before `npm test`.
prepareStandIn();
console.log(`Offline MongoDB stand-in ready (${STANDIN_DIR})`);
