// The Python server's own example calls (its README, docs/api.md, server.py defaults and tests;
// upstream peterpeter228/crypto-orderflow) sent as a Python client sends them, over Streamable HTTP,
// stdio and REST (where a route exists), to the program replaying the recorded day: each answers
// without isError and with the fields a client reads; the upstream tests' bad calls get our clear
// error. Times of the examples are moved onto the replayed day (2024-07-19 00:00 UTC).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, LAST_EVENT_MS, close, expected, sandbox, skipReason, startServer } from './helpers.mjs';

const DAY = Date.UTC(2024, 6, 19), MIN = 60000;
const S = { symbol: 'BTCUSDT' };
const ROUTE = { get_market_snapshot: 'market', get_key_levels: 'key-levels', get_footprint: 'footprint',
  get_orderflow_metrics: 'orderflow', get_orderbook_depth_delta: 'depth-delta', stream_liquidations: 'liquidations',
  get_swing_liquidity: 'swing-liquidity', get_market_structure: 'market-structure', get_open_interest: 'open-interest',
  get_footprint_statistics: 'footprint-statistics', get_session_profile: 'session-profile',
  get_tpo_profile: 'tpo-profile', get_funding_rate: 'funding-rate', get_orderbook_heatmap: 'orderbook-heatmap' };

// [where, tool, arguments, fields the answer must carry, check(answer)]
export const CALLS = [
  ['README', 'get_market_snapshot', { ...S }, ['symbol', 'lastPrice', 'markPrice', 'fundingRate', 'timestamp']],
  ['README', 'get_key_levels', { ...S, date: '2024-07-19', sessionTZ: 'UTC' }, ['date', 'sessionTZ', 'dVWAP', 'dPOC', 'dVAH', 'dVAL', 'pdVWAP', 'sessions'],
    r => assert.equal(r.date, '2024-07-19')],
  ['server.py', 'get_key_levels', { ...S, binSize: 10, valueAreaPercent: 70, mode: 'raw', normalizeSeconds: 3 }, ['dPOC', 'binSize'],
    r => assert.equal(r.binSize, 10)],
  ['README', 'get_session_profile', { ...S, date: '2024-07-19', session: 'all', interval: '15m', valueAreaPercent: 70, includeProfileLevels: false },
    ['date', 'sessions'], r => assert.ok(r.sessions.every(x => x.intervals))],
  ['docs/api.md', 'get_session_profile', { ...S, session: 'ny' }, ['sessions'], r => assert.equal(r.sessions[0].name, 'newyork')],
  ['README (VR window)', 'get_session_profile', { ...S, windowStartMs: DAY, windowEndMs: DAY + 5 * MIN, binSize: 70, mode: 'raw', normalizeSeconds: 3 },
    ['sessions', 'binSize'], r => {
      assert.equal(r.sessions.length, 1);
      assert.deepEqual([r.sessions[0].name, r.sessions[0].startTime, r.sessions[0].endTime], ['window', DAY, DAY + 5 * MIN]);
      const inside = expected().bars1m.filter(b => b.openTime >= DAY && b.openTime < DAY + 5 * MIN); // from the raw trades
      assert.ok(close(r.sessions[0].volume, inside.reduce((a, b) => a + b.volume, 0)));
      assert.equal(r.sessions[0].trades, inside.reduce((a, b) => a + b.trades, 0));
    }],
  ['README (VR window)', 'get_session_profile', { ...S, windowStartMs: DAY, windowEndMs: DAY + 5 * MIN, mode: 'synthetic' }, ['sessions', 'warnings'],
    r => assert.match(r.warnings.join(' '), /synthetic/)],
  ['README', 'get_tpo_profile', { ...S, date: '2024-07-19', session: 'all', periodMinutes: 30, tickSize: 50, valueAreaPercent: 70,
    useVolumeForVA: true, includeLevels: false, includeSinglePrints: true, singlePrintsMode: 'compact' },
  ['date', 'session', 'tpo', 'volume', 'binSize'], r => assert.equal(r.binSize, 50)],
  ['server.py', 'get_tpo_profile', { ...S, includePeriodProfiles: true, includeSinglePrints: false, maxLevels: 240, tailMinLength: 2, ibPeriods: 2 },
    ['tpo', 'volume'], r => assert.equal(r.singlePrints, undefined)],
  ['README', 'get_swing_liquidity', { ...S, interval: '15m', lookbackBars: 300, pivotLeft: 10, pivotRight: 15, activeOnly: false, maxLevels: 150 },
    ['interval', 'lastPrice', 'buySide', 'sellSide']],
  ['README', 'get_footprint', { ...S, timeframe: '5m', startTime: DAY - 5 * MIN, endTime: DAY + 5 * MIN }, ['timeframe', 'bars'],
    r => assert.deepEqual(r.bars.map(b => b.openTime), [DAY - 5 * MIN, DAY])],
  ['server.py', 'get_footprint', { ...S }, ['timeframe', 'bars'], r => assert.equal(r.timeframe, '30m')],
  ['README (levels)', 'get_footprint', { ...S, timeframe: '1m', view: 'levels', binSize: 10, topNLevels: 5, priceLevelLimit: 50,
    compress: true, maxLevelsPerBar: 200, cursor: 0, limit: 5 }, ['bars', 'binSize'], r => assert.equal(r.bars.length, 5)],
  ['README (levels)', 'get_footprint', { ...S, timeframe: '1m', view: 'levels', tickSize: 1, limit: 2 }, ['bars', 'binSize'],
    r => assert.equal(r.binSize, 1)],
  ['README (cursor)', 'get_footprint', { ...S, timeframe: '1m', view: 'statistics', cursor: DAY + 3 * MIN, limit: 2 }, ['bars', 'nextCursor'],
    r => assert.deepEqual(r.bars.map(b => b.openTime), [DAY + MIN, DAY + 2 * MIN])],
  ['server.py', 'get_footprint_statistics', { ...S }, ['timeframe', 'bars', 'dataQuality']],
  ['tests', 'get_footprint_statistics', { ...S, timeframe: '1m', startTime: DAY, endTime: DAY + 10 * MIN }, ['bars', 'dataQuality']],
  ['README', 'get_orderflow_metrics', { ...S, timeframe: '15m', startTime: DAY - 15 * MIN, endTime: DAY + 15 * MIN },
    ['currentCVD', 'cvdSequence', 'current', 'day']],
  ['tests', 'get_orderflow_metrics', { ...S, timeframe: '1m', startTime: DAY, endTime: DAY + 3 * MIN }, ['currentCVD', 'cvdSequence']],
  ['README', 'get_orderbook_depth_delta', { ...S, percent: 1.0, windowSec: 5, lookback: 3600 }, ['percent', 'windowSec', 'current', 'windows']],
  ['server.py', 'get_orderbook_depth_delta', { ...S, percent: 1.0, windowSec: 60, lookbackSec: 3600, maxPoints: 30 }, ['windows']],
  ['server.py', 'get_orderbook_heatmap', { ...S }, ['bids', 'asks', 'mid', 'coverage']],
  ['server.py', 'get_orderbook_heatmap', { ...S, lookbackMinutes: 180, maxLevels: 15 }, ['bids', 'asks']],
  ['tests', 'get_orderbook_heatmap', { ...S, lookbackMinutes: 10, maxLevels: 1 }, ['bids', 'asks'],
    r => assert.ok(r.bids.length <= 1 && r.asks.length <= 1)],
  ['README', 'stream_liquidations', { ...S, limit: 100 }, ['count', 'items', 'totals'], r => assert.equal(r.count, 3)],
  ['README', 'get_market_structure', { ...S, interval: '15m', lookbackBars: 400, pivotLeft: 10, pivotRight: 10, zigzagLegMinPercent: 0.8, maxPoints: 80 },
    ['interval', 'trend', 'swings', 'lastPrice']],
  ['server.py', 'get_market_structure', { ...S, interval: '1m', zigzagLegMinPercent: 0.01, maxPoints: 3 }, ['trend', 'zigzag'],
    r => assert.ok(r.swings.length <= 3 && r.zigzag.length <= 3)],
  ['README', 'get_funding_rate', { ...S }, ['current', 'history'], r => assert.equal(r.current.fundingRate, 0.0001)],
  // The examples' own times: metrics answer with an empty window; the rest name the days kept (below).
  ['README (its times)', 'get_orderflow_metrics', { ...S, timeframe: '15m', startTime: 1705276800000, endTime: 1705280400000 },
    ['cvdSequence', 'window', 'current'], r => assert.deepEqual(r.cvdSequence, [])],
  ['tests (its times)', 'get_orderflow_metrics', { ...S, timeframe: '1m', startTime: 0, endTime: 180000 }, ['cvdSequence', 'window']],
];

// Calls that cannot answer with data here, each with the clear error it gets instead.
export const BAD = [
  ['tests (invalid date)', 'get_key_levels', { ...S, date: '2024-13-01' }, /Invalid date '2024-13-01': use a calendar day as YYYY-MM-DD/],
  ['tests (day without data)', 'get_session_profile', { ...S, date: '1970-01-02' }, /nothing stored for BTCUSDT on 1970-01-02.*kept: trades for 2024-07-18 to 2024-07-19/],
  ['README (its times)', 'get_footprint', { ...S, timeframe: '5m', startTime: 1705276800000, endTime: 1705280400000 },
    /bars before 2024-07-18T00:00:00.000Z are not in memory \(the prior day and today are kept\)/],
  ['README (its date)', 'get_key_levels', { ...S, date: '2024-01-15', sessionTZ: 'UTC' }, /nothing stored for BTCUSDT on 2024-01-15.*kept: trades for 2024-07-18 to 2024-07-19/],
  ['README (its date)', 'get_session_profile', { ...S, date: '2025-12-26', session: 'all', interval: '15m' }, /nothing stored for BTCUSDT on 2025-12-26/],
  ['README (its date)', 'get_tpo_profile', { ...S, date: '2025-12-26', periodMinutes: 30, tickSize: 50 }, /nothing stored for BTCUSDT on 2025-12-26/],
  ['tests (its times)', 'get_footprint_statistics', { ...S, timeframe: '1m', startTime: 0, endTime: 600000 }, /bars before 2024-07-18T00:00:00.000Z are not in memory/],
  ['README (no open interest recorded)', 'get_open_interest', { ...S, period: '5m', limit: 100 }, /no open interest for BTCUSDT yet/],
  ['half a window', 'get_session_profile', { ...S, windowStartMs: DAY }, /Invalid windowStartMs .*: give both windowStartMs and windowEndMs/],
  ['window backwards', 'get_session_profile', { ...S, windowStartMs: DAY, windowEndMs: DAY }, /Invalid windowEndMs .*: it must be later than windowStartMs/],
  ['mode spelling', 'get_key_levels', { ...S, mode: 'normalized' }, /Invalid mode 'normalized': use one of raw, synthetic/],
  ['tickSize off the tick', 'get_tpo_profile', { ...S, tickSize: 0.05 }, /Invalid tickSize 0.05: use a positive multiple of the tick size 0.1/],
];

function checkAnswer(where, tool, args, fields, check, r) {
  const label = `${where}: ${tool} ${JSON.stringify(args)}`;
  assert.notEqual(r.isError, true, `${label}: ${r.content?.[0]?.text}`);
  for (const f of fields) assert.ok(r.structuredContent[f] !== undefined, `${label}: field ${f}`);
  check?.(r.structuredContent);
}

async function runAll(c) {
  for (const [where, tool, args, fields, check] of CALLS)
    checkAnswer(where, tool, args, fields, check, await c.callTool({ name: tool, arguments: args }));
  for (const [where, tool, args, message] of BAD) {
    const r = await c.callTool({ name: tool, arguments: args });
    assert.equal(r.isError, true, `${where}: ${tool} is an error`);
    assert.match(r.content[0].text, message, where);
  }
}

const query = args => new URLSearchParams(Object.entries(args).filter(([k]) => k !== 'symbol').map(([k, v]) => [k, String(v)]));

describe('the Python server\'s calls', { skip: skipReason() || false }, () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await srv?.stop(); });

  test('Streamable HTTP: every example call answers', { timeout: 60000 }, async () => {
    const t = new StreamableHTTPClientTransport(new URL(`${srv.base}/mcp`));
    const c = new Client({ name: 'python-calls', version: '1' });
    await c.connect(t);
    await runAll(c);
    await t.terminateSession();
    await c.close();
  });

  test('REST: the same calls on their routes', { timeout: 60000 }, async () => {
    for (const [where, tool, args, fields, check] of CALLS) {
      const res = await fetch(`${srv.base}/api/${ROUTE[tool]}/${args.symbol}?${query(args)}`);
      const body = await res.json();
      assert.equal(res.status, 200, `${where}: ${tool} ${JSON.stringify(body)}`);
      checkAnswer(where, tool, args, fields, check, { structuredContent: body });
    }
    for (const [where, tool, args, message] of BAD) {
      const res = await fetch(`${srv.base}/api/${ROUTE[tool]}/${args.symbol}?${query(args)}`);
      assert.ok(res.status >= 400, where);
      assert.match((await res.json()).error.message, message, where);
    }
  });

  test('stdio: every example call answers', { timeout: 60000 }, async () => {
    const box = sandbox();
    const t = new StdioClientTransport({ command: BIN, args: ['--stdio', ...box.replayArgs], env: box.env, stderr: 'pipe' });
    const c = new Client({ name: 'python-calls-stdio', version: '1' });
    await c.connect(t);
    for (let i = 0; i < 200; ++i) { // the replay runs in the background after start-up
      const r = await c.callTool({ name: 'get_market_snapshot', arguments: S });
      if (!r.isError && r.structuredContent.timestamp === LAST_EVENT_MS) break;
      await new Promise(ok => setTimeout(ok, 100));
    }
    await runAll(c);
    await c.close();
    box.cleanup();
  });
});
