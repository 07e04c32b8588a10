// The MCP Inspector CLI (what people use to poke a server): tools/list with its schema portability
// check over Streamable HTTP, SSE and stdio, and one tools/call per tool.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, expected, sandbox, skipReason, startServer } from './helpers.mjs';
import { HTTP_TOOLS, TOOLS } from './checks.mjs';

function inspector(args, env) {
  const r = spawnSync('inspector', ['--cli', ...args], { env, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) };
}

describe('MCP Inspector CLI', { skip: skipReason() || false }, () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await srv?.stop(); });

  test('tools/list --strict over Streamable HTTP, SSE and stdio', { timeout: 120000 }, () => {
    const http = inspector([`${srv.base}/mcp`, '--transport', 'http', '--method', 'tools/list', '--strict'], srv.env);
    assert.equal(http.code, 0, http.err);
    assert.deepEqual(http.json().tools.map(t => t.name), HTTP_TOOLS);
    const sse = inspector([`${srv.base}/sse`, '--transport', 'sse', '--method', 'tools/list'], srv.env);
    assert.equal(sse.code, 0, sse.err);
    assert.equal(sse.json().tools.length, HTTP_TOOLS.length);
    const auto = inspector([`${srv.base}/mcp`, '--protocol-era', 'auto', '--method', 'tools/list'], srv.env);
    assert.equal(auto.code, 0, auto.err);
    // stdio: the Inspector launches the program; -e hands it the sandbox (cache, logs, settings).
    const box = sandbox();
    const envArgs = ['XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'CACHE_DB_PATH', 'QT_QPA_PLATFORM'].flatMap(k => ['-e', `${k}=${box.env[k]}`]);
    const stdio = inspector([...envArgs, BIN, '--stdio', ...box.replayArgs, '--method', 'tools/list'], box.env);
    assert.equal(stdio.code, 0, stdio.err);
    assert.equal(stdio.json().tools.length, HTTP_TOOLS.length);
    box.cleanup();
  });

  test('one tools/call per tool', { timeout: 120000 }, () => {
    const x = expected();
    const calls = [
      ['get_market_snapshot', ['symbol=BTCUSDT'], s => assert.equal(s.price, x.lastPrice)],
      ['get_key_levels', ['symbol=BTCUSDT', 'date=2024-07-19'], s => assert.equal(s.dPOC, x.today.poc)],
      ['get_footprint', ['symbol=BTCUSDT', 'timeframe=5m', 'limit=3'], s => assert.equal(s.bars.length, 3)],
      ['get_orderflow_metrics', ['symbol=BTCUSDT', 'timeframe=1m'], s => assert.equal(s.current.openTime, x.bars1m.at(-1).openTime)],
      ['get_orderbook_depth_delta', ['symbol=BTCUSDT', 'percent=2'], s => assert.equal(s.current.askDepth, x.book2pct.askDepth)],
      ['stream_liquidations', ['limit=2'], s => assert.equal(s.items.length, 2)],
      ['scan_market', ['timeframe=5m'], s => assert.equal(s.rows[0].symbol, 'BTCUSDT')],
      ['get_swing_liquidity', ['symbol=BTCUSDT', 'interval=5m'], s => assert.equal(s.lastPrice, x.lastPrice)],
      ['get_market_structure', ['symbol=BTCUSDT', 'interval=5m'], s => assert.ok(['up', 'down', 'range'].includes(s.trend))],
      ['get_open_interest', ['symbol=BTCUSDT'], null], // the recordings hold no open interest: no_data
      ['get_footprint_statistics', ['symbol=BTCUSDT', 'timeframe=5m', 'limit=3'], s => assert.equal(s.bars.length, 3)],
      ['get_session_profile', ['symbol=BTCUSDT'], s => assert.equal(s.sessions.length, 3)],
      ['get_tpo_profile', ['symbol=BTCUSDT'], s => assert.ok(s.periods > 0)],
      ['get_funding_rate', ['symbol=BTCUSDT'], s => assert.equal(s.intervalHours, 8)],
      ['get_orderbook_heatmap', ['symbol=BTCUSDT', 'lookbackMinutes=60'], s => assert.ok(s.coverage > 0)],
    ];
    assert.deepEqual(calls.map(c => c[0]), TOOLS);
    for (const [name, args, check] of calls) {
      const r = inspector([`${srv.base}/mcp`, '--transport', 'http', '--method', 'tools/call', '--tool-name', name,
        ...args.flatMap(a => ['--tool-arg', a])], srv.env);
      if (!check) {
        assert.equal(r.code, 5, `${name}: ${r.err}${r.out}`);
        continue;
      }
      assert.equal(r.code, 0, `${name}: ${r.err}${r.out}`);
      check(r.json().structuredContent);
    }
    const bad = inspector([`${srv.base}/mcp`, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'get_footprint',
      '--tool-arg', 'symbol=BTCUSDT', '--tool-arg', 'timeframe=2m'], srv.env);
    assert.equal(bad.code, 5, 'isError results exit 5');
  });
});
