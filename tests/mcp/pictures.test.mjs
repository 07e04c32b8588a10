// Pictures from the headless server (no display: it draws offscreen): get_footprint,
// get_session_profile, get_tpo_profile and get_orderbook_heatmap with format "png" give PNG image blocks, decoded here
// (signature, IHDR size, inflated pixels not blank), ≤ 200 KB; and the MCP App page of
// get_footprint is listed, readable and self-contained.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { skipReason, startServer } from './helpers.mjs';

// { width, height, distinct } of a PNG: chunks walked by hand, IDAT inflated.
function png(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  let at = 8, width = 0, height = 0;
  const idat = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at), type = buf.toString('latin1', at + 4, at + 8), data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, bytes: raw.length, distinct: new Set(raw.subarray(0, 200000)).size };
}

describe('pictures from the headless server', { skip: skipReason() || false }, () => {
  let srv, c;
  before(async () => {
    srv = await startServer();
    c = new Client({ name: 'pictures', version: '1' });
    await c.connect(new StreamableHTTPClientTransport(new URL(`${srv.base}/mcp`)));
  });
  after(async () => { await c?.close(); await srv?.stop(); });

  for (const [name, args] of [['get_footprint', { timeframe: '1m', limit: 5 }], ['get_session_profile', {}], ['get_tpo_profile', {}],
    ['get_orderbook_heatmap', { lookbackMinutes: 60 }]])
    test(`${name} format png`, { timeout: 30000 }, async () => {
      const r = await c.callTool({ name, arguments: { symbol: 'BTCUSDT', format: 'png', ...args } });
      assert.notEqual(r.isError, true, r.content?.[0]?.text);
      const images = r.content.filter(b => b.type === 'image');
      assert.ok(images.length >= 1);
      let total = 0;
      for (const img of images) {
        assert.equal(img.mimeType, 'image/png');
        const bytes = Buffer.from(img.data, 'base64');
        total += bytes.length;
        const p = png(bytes);
        assert.ok(p.width >= 200 && p.height >= 150, `${p.width}×${p.height}`);
        assert.equal(p.bytes > 0, true);
        assert.ok(p.distinct > 4, 'not a blank picture');
      }
      assert.ok(total <= 200 * 1024, `${total} bytes`);
      const text = r.content.find(b => b.type === 'text');
      assert.deepEqual(JSON.parse(text.text), r.structuredContent);
    });

  test('MCP App page for get_footprint', async () => {
    const { tools } = await c.listTools();
    const fp = tools.find(t => t.name === 'get_footprint');
    const uri = fp._meta.ui.resourceUri;
    assert.match(uri, /^ui:\/\//);
    const { resources } = await c.listResources();
    assert.equal(resources.find(r => r.uri === uri)?.mimeType, 'text/html;profile=mcp-app');
    const page = (await c.readResource({ uri })).contents[0];
    assert.equal(page.mimeType, 'text/html;profile=mcp-app');
    assert.match(page.text, /ui\/notifications\/tool-result/);
    assert.doesNotMatch(page.text, /https?:|\/\/cdn|src="\/\//);
  });
});
