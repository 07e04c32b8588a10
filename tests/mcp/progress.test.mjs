// Progress notifications from real clients: get_key_levels for a day in another zone is rebuilt
// from the cache (the replay records into the sandbox's cache), so the call waits and, with a
// progressToken (the SDKs' onprogress), hears 0 of 1 when the rebuild starts and 1 of 1 when it is
// done, before the answer: v1 over Streamable HTTP (an SSE answer) and stdio, v2 (2026-07-28)
// over Streamable HTTP. completion/complete offers the days kept for the symbol.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client as ClientV2, StreamableHTTPClientTransport as HttpV2 } from '@modelcontextprotocol/client';
import { BIN, LAST_EVENT_MS, sandbox, skipReason, startServer } from './helpers.mjs';

const CALL = { name: 'get_key_levels', arguments: { symbol: 'BTCUSDT', date: '2024-07-19', sessionTZ: 'Asia/Tokyo' } };

async function checkProgress(call) {
  const got = [];
  const r = await call(p => got.push(p));
  assert.notEqual(r.isError, true, r.content?.[0]?.text);
  assert.equal(r.structuredContent.date, '2024-07-19');
  assert.deepEqual(got.map(p => [p.progress, p.total]), [[0, 1], [1, 1]]);
  assert.match(got[0].message, /rebuilding BTCUSDT 2024-07-19 \(Asia\/Tokyo\)/);
}

describe('progress while a stored day is rebuilt', { skip: skipReason() || false }, () => {
  let srv;
  const settle = () => new Promise(ok => setTimeout(ok, 1000)); // the cache writer commits every ~250 ms
  before(async () => { srv = await startServer(); await settle(); });
  after(async () => { await srv?.stop(); });

  test('SDK v1 over Streamable HTTP; dates offered', { timeout: 60000 }, async () => {
    const c = new Client({ name: 'progress', version: '1' });
    await c.connect(new StreamableHTTPClientTransport(new URL(`${srv.base}/mcp`)));
    await checkProgress(onprogress => c.callTool(CALL, undefined, { onprogress }));
    const d = await c.complete({ ref: { type: 'ref/prompt', name: 'session_brief' }, argument: { name: 'date', value: '2024' },
      context: { arguments: { symbol: 'BTCUSDT' } } });
    assert.deepEqual(d.completion.values, ['2024-07-19', '2024-07-18']); // the replayed days, kept in the cache
    await c.close();
  });

  test('SDK v2, 2026-07-28, over Streamable HTTP', { timeout: 60000 }, async () => {
    const c = new ClientV2({ name: 'progress-v2', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await c.connect(new HttpV2(new URL(`${srv.base}/mcp`)));
    // Another zone than the first test: not in the rebuilt-day cache yet.
    const call = { ...CALL, arguments: { ...CALL.arguments, sessionTZ: 'America/New_York', date: '2024-07-18' } };
    const got = [];
    const r = await c.callTool(call, { onprogress: p => got.push(p) });
    assert.notEqual(r.isError, true, r.content?.[0]?.text);
    assert.deepEqual(got.map(p => [p.progress, p.total]), [[0, 1], [1, 1]]);
    await c.close();
  });

  test('SDK v1 over stdio', { timeout: 60000 }, async () => {
    const box = sandbox();
    const c = new Client({ name: 'progress-stdio', version: '1' });
    await c.connect(new StdioClientTransport({ command: BIN, args: ['--stdio', ...box.replayArgs], env: box.env, stderr: 'pipe' }));
    for (let i = 0; i < 200; ++i) { // the replay (and its recording into the cache) runs after start-up
      const m = await c.callTool({ name: 'get_market_snapshot', arguments: { symbol: 'BTCUSDT' } });
      if (!m.isError && m.structuredContent.timestamp === LAST_EVENT_MS) break;
      await new Promise(ok => setTimeout(ok, 100));
    }
    try {
      await settle();
      await checkProgress(onprogress => c.callTool(CALL, undefined, { onprogress }));
    } finally { // a failed check must not leave the server running (the suite would wait for it)
      await c.close();
      box.cleanup();
    }
  });
});
