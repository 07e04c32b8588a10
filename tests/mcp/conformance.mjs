// `npm run conformance`: the official conformance suite against /mcp of crypto-orderflow replaying
// recorded data, three runs: 0.1.16 (the 2025 sessions, as before), and 0.2.0-alpha.12 with
// `--requirements 2025-11-25` and `--requirements 2026-07-28` (both eras). Each run has its
// baseline of scenarios that need the suite's own fixture tools/resources or capabilities this
// read-only server does not have (reasons in the files); the run fails on any other failure and
// on a listed scenario that passes (stale baseline). Extra arguments go to every run.
// The two versions share the bin name "conformance": each is started by its own path.
import { spawnSync } from 'node:child_process';
import { skipReason, startServer } from './helpers.mjs';

const why = skipReason();
if (why) {
  console.log(`SKIP conformance: ${why}`);
  process.exit(77);
}
const runs = [
  ['node_modules/@modelcontextprotocol/conformance/dist/index.js', [], 'conformance-baseline.yml'],
  ['node_modules/conformance-next/dist/index.js', ['--requirements', '2025-11-25'], 'conformance-2025-11-25.yml'],
  ['node_modules/conformance-next/dist/index.js', ['--requirements', '2026-07-28'], 'conformance-2026-07-28.yml'],
];
const srv = await startServer();
let status = 0;
for (const [bin, args, baseline] of runs) {
  console.log(`\n==== ${bin} ${args.join(' ')} (baseline ${baseline})`);
  const r = spawnSync(process.execPath, [bin, 'server', '--url', `${srv.base}/mcp`, ...args, '--expected-failures', baseline,
    ...process.argv.slice(2)], { stdio: 'inherit', env: srv.env, timeout: 300000 });
  if (r.status !== 0) status = r.status ?? 1;
}
await srv.stop();
process.exit(status);
