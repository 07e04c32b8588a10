// `npm run conformance`: the official conformance suite (@modelcontextprotocol/conformance) against
// /mcp of crypto-orderflow replaying recorded data. Scenarios that do not apply to a tools-only
// server are listed in conformance-baseline.yml; the run fails on any other failure and on a
// listed scenario that passes (stale baseline).
import { spawnSync } from 'node:child_process';
import { skipReason, startServer } from './helpers.mjs';

const why = skipReason();
if (why) {
  console.log(`SKIP conformance: ${why}`);
  process.exit(77);
}
const srv = await startServer();
const r = spawnSync('conformance', ['server', '--url', `${srv.base}/mcp`, '--expected-failures', 'conformance-baseline.yml',
  ...process.argv.slice(2)], { stdio: 'inherit', env: srv.env, timeout: 300000 });
await srv.stop();
process.exit(r.status ?? 1);
