// Alerts over stdio, both eras: a client that launched `crypto-orderflow --stdio` subscribes to
// orderflow://alerts (2025-11-25: resources/subscribe with the v1 SDK; 2026-07-28:
// subscriptions/listen with the v2 SDK), sets a price alert, and a replay paced at real time
// crosses it; the notification arrives with the crossing's values worked out here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client as ClientV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioV2 } from '@modelcontextprotocol/client/stdio';
import { BIN, sandbox, skipReason } from './helpers.mjs';

// Synthetic BTCUSDT trades, 0.5 s apart: 60000.0 for 12 s, then 60100.0. A price alert at
// 60050 set during the first 12 s fires on the first trade at 60100 (from 60000, up).
const T0 = Date.UTC(2024, 6, 20, 1, 0, 0);
const JUMP = 24; // index of the first trade at 60100
function tradesFile(dir) {
  const lines = [];
  for (let i = 0; i < 30; ++i) {
    const T = T0 + i * 500;
    const data = { e: 'trade', E: T, T, s: 'BTCUSDT', t: 9000000 + i, p: i < JUMP ? '60000.0' : '60100.0', q: '0.010', X: 'MARKET', m: false };
    lines.push(`${BigInt(T) * 1000000n} ${JSON.stringify({ stream: 'btcusdt@trade', data })}`);
  }
  const path = join(dir, 'cross.rec');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
const EXPECTED = { symbol: 'BTCUSDT', kind: 'price_cross', price: 60100, timeMs: T0 + JUMP * 500 };

function checkAlert(alert, ruleId) {
  assert.equal(alert.alertId, ruleId);
  for (const [k, v] of Object.entries(EXPECTED)) assert.equal(alert[k], v, k);
  assert.equal(alert.detail.level, 'price');
  assert.equal(alert.detail.levelPrice, 60050);
  assert.equal(alert.detail.from, 60000);
  assert.equal(alert.detail.direction, 'up');
}

const args = box => ['--stdio', '--replay', tradesFile(box.dir), '--speed', '1', '--symbols', 'BTCUSDT'];
const within = (p, ms, what) => Promise.race([p, new Promise((_, no) => setTimeout(() => no(new Error(`no ${what} within ${ms} ms`)), ms))]);

describe('alerts over stdio', { skip: skipReason() || false }, () => {
  test('2025-11-25: resources/subscribe, then notifications/resources/updated', { timeout: 60000 }, async () => {
    const box = sandbox();
    const c = new Client({ name: 'stdio-alerts', version: '1' });
    await c.connect(new StdioClientTransport({ command: BIN, args: args(box), env: box.env, stderr: 'pipe' }));
    assert.equal(c.getServerCapabilities().resources.subscribe, true);
    const updated = new Promise(ok => c.setNotificationHandler(ResourceUpdatedNotificationSchema, n => ok(n.params)));
    await c.subscribeResource({ uri: 'orderflow://alerts' });
    const set = await c.callTool({ name: 'set_alert', arguments: { symbol: 'BTCUSDT', kind: 'price_cross', price: 60050 } });
    assert.notEqual(set.isError, true, set.content?.[0]?.text);
    const params = await within(updated, 30000, 'alert');
    assert.equal(params.uri, 'orderflow://alerts');
    checkAlert(params._meta['crypto-orderflow/alert'], set.structuredContent.alert.id);
    const read = JSON.parse((await c.readResource({ uri: 'orderflow://alerts' })).contents[0].text);
    checkAlert(read.fired[0], set.structuredContent.alert.id);
    await c.close();
    box.cleanup();
  });

  test('2026-07-28: subscriptions/listen, then the update with its subscription id', { timeout: 60000 }, async () => {
    const box = sandbox();
    const c = new ClientV2({ name: 'stdio-alerts-v2', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await c.connect(new StdioV2({ command: BIN, args: args(box), env: box.env, stderr: 'pipe' }));
    const updated = new Promise(ok => c.setNotificationHandler('notifications/resources/updated', n => ok(n.params)));
    const sub = await c.listen({ resourceSubscriptions: ['orderflow://alerts'] });
    assert.deepEqual(sub.honoredFilter.resourceSubscriptions, ['orderflow://alerts']);
    const set = await c.callTool({ name: 'set_alert', arguments: { symbol: 'BTCUSDT', kind: 'price_cross', price: 60050 } });
    assert.notEqual(set.isError, true, set.content?.[0]?.text);
    const params = await within(updated, 30000, 'alert');
    assert.equal(params.uri, 'orderflow://alerts');
    checkAlert(params._meta['crypto-orderflow/alert'], set.structuredContent.alert.id);
    assert.ok(params._meta['io.modelcontextprotocol/subscriptionId'] !== undefined);
    await sub.close();
    await c.close();
    box.cleanup();
  });
});
