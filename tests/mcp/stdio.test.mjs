// The SDK's stdio client spawns `crypto-orderflow --stdio` (what Claude Desktop does): the same
// tools and values as over HTTP, nothing but protocol lines on stdout, and exit 0 on stdin EOF.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, LAST_EVENT_MS, sandbox, skipReason } from './helpers.mjs';
import { HTTP_TOOLS, checkAllTools } from './checks.mjs';

// Replay runs in the background after start-up: wait until its last event is in the snapshot.
async function waitForReplay(c) {
  for (let i = 0; i < 200; ++i) {
    const r = await c.callTool({ name: 'get_market_snapshot', arguments: { symbol: 'BTCUSDT' } });
    if (!r.isError && r.structuredContent.timestamp === LAST_EVENT_MS) return;
    await new Promise(ok => setTimeout(ok, 100));
  }
  throw new Error('replay did not finish');
}

describe('stdio transport', { skip: skipReason() || false }, () => {
  test('SDK stdio client: tools/list and every tool', { timeout: 60000 }, async () => {
    const box = sandbox();
    const t = new StdioClientTransport({ command: BIN, args: ['--stdio', ...box.replayArgs], env: box.env, stderr: 'pipe' });
    const c = new Client({ name: 'stdio-e2e', version: '1' });
    await c.connect(t);
    const { tools } = await c.listTools();
    assert.equal(tools.length, HTTP_TOOLS.length);
    await waitForReplay(c);
    await checkAllTools(c);
    await assert.rejects(c.callTool({ name: 'nope', arguments: {} }), /-32602/);
    await c.close();
    box.cleanup();
  });

  test('stdout carries exactly one line per answer; EOF exits 0', { timeout: 30000 }, async () => {
    const box = sandbox();
    const p = spawn(BIN, ['--stdio', ...box.replayArgs], { env: box.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', d => (out += d));
    p.stderr.resume();
    const lines = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'sh', version: '0' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ];
    p.stdin.end(lines.map(l => JSON.stringify(l)).join('\n') + '\nnot json\n');
    const code = await new Promise(ok => p.on('exit', ok));
    assert.equal(code, 0);
    const got = out.trimEnd().split('\n').map(l => JSON.parse(l));
    assert.deepEqual(got.map(m => m.id), [1, 2, null]);
    assert.equal(got[0].result.protocolVersion, '2025-11-25');
    assert.equal(got[1].result.tools.length, HTTP_TOOLS.length);
    assert.equal(got[2].error.code, -32700);
    box.cleanup();
  });
});
