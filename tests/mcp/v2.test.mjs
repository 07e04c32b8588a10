// The TypeScript SDK v2 client (@modelcontextprotocol/client, pinned) in the stateless 2026-07-28
// era: pinned and auto negotiation over Streamable HTTP and stdio, the same tools and values as the
// v1 (session) client, resources, prompts and completions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { BIN, LAST_EVENT_MS, sandbox, skipReason, startServer } from './helpers.mjs';
import { HTTP_TOOLS, checkAllTools } from './checks.mjs';

const MODERN = '2026-07-28';
const client = mode => new Client({ name: 'v2-e2e', version: '1' }, { versionNegotiation: { mode } });

async function waitForReplay(c) {
  for (let i = 0; i < 200; ++i) {
    const r = await c.callTool({ name: 'get_market_snapshot', arguments: { symbol: 'BTCUSDT' } });
    if (!r.isError && r.structuredContent.timestamp === LAST_EVENT_MS) return;
    await new Promise(ok => setTimeout(ok, 100));
  }
  throw new Error('replay did not finish');
}

describe('SDK v2 client, stateless era', { skip: skipReason() || false }, () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await srv?.stop(); });

  for (const mode of [{ pin: MODERN }, 'auto'])
    test(`HTTP, negotiation ${JSON.stringify(mode)}: every tool, no session`, { timeout: 60000 }, async () => {
      const t = new StreamableHTTPClientTransport(new URL(`${srv.base}/mcp`));
      const c = client(mode);
      await c.connect(t);
      assert.equal(c.getNegotiatedProtocolVersion(), MODERN);
      assert.equal(t.sessionId, undefined);
      const { tools } = await c.listTools();
      assert.deepEqual(tools.map(x => x.name), HTTP_TOOLS);
      await checkAllTools(c);
      await assert.rejects(c.callTool({ name: 'nope', arguments: {} }), /-32602|Unknown tool/);
      await c.close();
    });

  test('HTTP: resources, prompts, completions', { timeout: 60000 }, async () => {
    const c = client({ pin: MODERN });
    await c.connect(new StreamableHTTPClientTransport(new URL(`${srv.base}/mcp`)));
    const { resourceTemplates } = await c.listResourceTemplates();
    assert.ok(resourceTemplates.some(r => r.uriTemplate === 'orderflow://{symbol}/footprint/{timeframe}'));
    const read = await c.readResource({ uri: 'orderflow://BTCUSDT/key-levels?date=2024-07-19' });
    const levels = JSON.parse(read.contents[0].text);
    const tool = await c.callTool({ name: 'get_key_levels', arguments: { symbol: 'BTCUSDT', date: '2024-07-19' } });
    assert.equal(levels.dPOC, tool.structuredContent.dPOC);
    await assert.rejects(c.readResource({ uri: 'orderflow://BTCUSDT/nothing' }), /-32602|not found/i);
    const { prompts } = await c.listPrompts();
    assert.ok(prompts.length >= 3);
    const p = await c.getPrompt({ name: 'session_brief', arguments: { symbol: 'BTCUSDT' } });
    assert.match(p.messages[0].content.text, /get_key_levels/);
    const done = await c.complete({ ref: { type: 'ref/prompt', name: 'session_brief' }, argument: { name: 'symbol', value: 'bt' } });
    assert.deepEqual(done.completion.values, ['BTCUSDT']);
    await c.close();
  });

  test('stdio, negotiation auto: modern era on the spawned program', { timeout: 60000 }, async () => {
    const box = sandbox();
    const t = new StdioClientTransport({ command: BIN, args: ['--stdio', ...box.replayArgs], env: box.env, stderr: 'pipe' });
    const c = client('auto');
    await c.connect(t);
    assert.equal(c.getNegotiatedProtocolVersion(), MODERN);
    assert.equal((await c.listTools()).tools.length, HTTP_TOOLS.length);
    await waitForReplay(c);
    await checkAllTools(c);
    await c.close();
    box.cleanup();
  });
});
