// The official TypeScript SDK client over Streamable HTTP and legacy SSE against crypto-orderflow
// replaying recorded BTCUSDT data, every tool checked against values worked out from the raw files
// (helpers.mjs); plus raw fetch for the status codes of mcp.md §2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { expected, skipReason, startServer } from './helpers.mjs';
import { HTTP_TOOLS, TOOLS, checkAllTools } from './checks.mjs';

describe('TypeScript SDK client', { skip: skipReason() || false }, () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await srv?.stop(); });

  for (const kind of ['http', 'sse'])
    test(`${kind} transport: initialize, ping, tools/list, every tool`, { timeout: 60000 }, async () => {
      const t = kind === 'sse' ? new SSEClientTransport(new URL(`${srv.base}/sse`))
                               : new StreamableHTTPClientTransport(new URL(`${srv.base}/mcp`));
      const c = new Client({ name: 'e2e', version: '1' });
      await c.connect(t);
      assert.equal(c.getServerVersion().name, 'crypto-orderflow');
      const t0 = performance.now();
      await c.ping({ timeout: 1000 }); // Cherry Studio's liveness check: 1 s
      assert.ok(performance.now() - t0 < 1000, 'ping answered at once');
      const { tools } = await c.listTools();
      assert.deepEqual(tools.map(x => x.name), HTTP_TOOLS);
      for (const x of tools.filter(t => TOOLS.includes(t.name))) {
        assert.equal(x.inputSchema.type, 'object');
        assert.equal(x.outputSchema.type, 'object');
        assert.equal(x.annotations.readOnlyHint, true);
        assert.ok(x.description.length > 40);
      }
      await checkAllTools(c);
      const bad = await c.callTool({ name: 'get_footprint', arguments: { symbol: 'BTCUSDT', timeframe: '2m' } });
      assert.equal(bad.isError, true);
      assert.match(bad.content[0].text, /Invalid timeframe '2m': use one of 1m, 5m, 15m, 30m, 1h/);
      const unknown = await c.callTool({ name: 'get_market_snapshot', arguments: { symbol: 'DOGEUSDT' } });
      assert.equal(unknown.isError, true);
      assert.match(unknown.content[0].text, /BTCUSDT, ETHUSDT/);
      await assert.rejects(c.callTool({ name: 'nope', arguments: {} }), /-32602/);
      if (kind === 'http') await t.terminateSession();
      await c.close();
    });

  test('status codes (raw fetch)', async () => {
    const u = `${srv.base}/mcp`;
    const H = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const post = (body, headers = {}) => fetch(u, { method: 'POST', headers: { ...H, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const init = await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fetch', version: '0' } } });
    assert.equal(init.status, 200);
    const sid = init.headers.get('mcp-session-id');
    assert.match(sid, /^[0-9a-f-]{36}$/);
    const S = { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' };
    const note = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, S);
    assert.equal(note.status, 202);
    assert.equal(await note.text(), '');
    assert.deepEqual(await (await post({ jsonrpc: '2.0', id: 2, method: 'ping' }, S)).json(), { jsonrpc: '2.0', id: 2, result: {} });
    assert.equal((await (await post({ jsonrpc: '2.0', id: 3, method: 'tasks/list' }, S)).json()).error.code, -32601);
    // GET: the session's stream (alerts after resources/subscribe); without a session 400.
    assert.equal((await fetch(u)).status, 400);
    const ac = new AbortController();
    const get = await fetch(u, { headers: { accept: 'text/event-stream', ...S }, signal: ac.signal });
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('content-type'), 'text/event-stream');
    ac.abort();
    assert.equal((await fetch(u, { method: 'PUT', headers: S })).headers.get('allow'), 'GET, POST, DELETE');
    assert.equal((await post({ jsonrpc: '2.0', id: 4, method: 'ping' })).status, 400);
    assert.equal((await post({ jsonrpc: '2.0', id: 4, method: 'ping' }, { 'mcp-session-id': 'nope' })).status, 404);
    assert.equal((await post({ jsonrpc: '2.0', id: 5, method: 'ping' }, { ...S, origin: 'http://evil.example' })).status, 403);
    const parse = await post('{"jsonrpc":', S);
    assert.equal(parse.status, 400);
    assert.equal((await parse.json()).error.code, -32700);
    assert.equal((await post({ jsonrpc: '2.0', id: 6, method: 'ping' }, { ...S, 'content-type': 'text/plain' })).status, 415);
    assert.equal((await post({ jsonrpc: '2.0', id: 7, method: 'ping', pad: 'x'.repeat(1100000) }, S)).status, 413);
    assert.equal((await fetch(u, { method: 'DELETE', headers: S })).status, 200);
    assert.equal((await post({ jsonrpc: '2.0', id: 8, method: 'ping' }, S)).status, 404);
    const rest = await fetch(`${srv.base}/api/key-levels/BTCUSDT`);
    assert.equal(rest.status, 200);
    assert.equal((await rest.json()).dPOC, expected().today.poc);
    const health = await fetch(`${srv.base}/healthz`);
    assert.equal(health.status, 200);
    const h = await health.json();
    assert.equal(h.symbols.BTCUSDT.tradesToday, expected().today.trades);
    assert.equal(h.replay.finished, true);
  });
});
