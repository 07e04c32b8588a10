// The value checks shared by every transport test: each tool called once (or twice) on the replayed
// day and compared with the expectations worked out from the raw recordings in helpers.mjs.
import assert from 'node:assert/strict';
import { LAST_EVENT_MS, LIQUIDATIONS, MARK, bookSamples, close, expected } from './helpers.mjs';

export const TOOLS = ['get_market_snapshot', 'get_key_levels', 'get_footprint', 'get_orderflow_metrics',
  'get_orderbook_depth_delta', 'stream_liquidations', 'scan_market', 'get_swing_liquidity', 'get_market_structure',
  'get_open_interest', 'get_footprint_statistics', 'get_session_profile', 'get_tpo_profile', 'get_funding_rate',
  'get_orderbook_heatmap'];
// Both servers (HTTP and stdio) also have the alert tools.
export const HTTP_TOOLS = [...TOOLS, 'set_alert', 'list_alerts', 'delete_alert'];

export async function checkAllTools(c) {
  const x = expected();
  const call = async (name, args) => {
    const r = await c.callTool({ name, arguments: args });
    assert.notEqual(r.isError, true, `${name}: ${r.content?.[0]?.text}`);
    assert.deepEqual(JSON.parse(r.content[0].text), r.structuredContent, 'text carries the structured object');
    assert.ok(Buffer.byteLength(r.content[0].text) < 8192, `${name} answer under 8 KB`);
    assert.ok(r.structuredContent.dataQuality ?? r.structuredContent.rows?.[0]?.dataQuality, `${name} has dataQuality`);
    return r.structuredContent;
  };
  const position = p => (p > x.today.vah ? 'above' : p < x.today.val ? 'below' : 'inside');

  const m = await call('get_market_snapshot', { symbol: 'BTCUSDT' });
  assert.equal(m.symbol, 'BTCUSDT');
  assert.equal(m.timestamp, LAST_EVENT_MS);
  assert.equal(m.price, x.lastPrice);
  assert.equal(m.markPrice, Number(MARK.p));
  assert.equal(m.indexPrice, Number(MARK.i));
  assert.equal(m.fundingRate, Number(MARK.r));
  assert.equal(m.nextFundingTime, MARK.T);
  assert.equal(m.bestBid, x.book1pct.bestBid);
  assert.equal(m.bestAsk, x.book1pct.bestAsk);
  assert.ok(close(m.spread, x.book1pct.bestAsk - x.book1pct.bestBid));
  assert.ok(close(m.dVWAP, x.today.vwap, 1e-12));
  assert.equal(m.valueAreaPosition, position(x.lastPrice));
  assert.equal(m.high24h, undefined, 'a 9-minute recording has no 24 h statistics');
  assert.equal(m.dataQuality.source, 'replay');

  const k = await call('get_key_levels', { symbol: 'BTCUSDT' });
  assert.equal(k.date, '2024-07-19');
  assert.equal(k.trades, x.today.trades);
  assert.ok(close(k.volume, x.today.volume));
  assert.ok(close(k.delta, x.today.delta));
  assert.ok(close(k.dVWAP, x.today.vwap, 1e-12));
  assert.equal(k.dPOC, x.today.poc);
  assert.equal(k.dVAH, x.today.vah);
  assert.equal(k.dVAL, x.today.val);
  assert.ok(close(k.pdVWAP, x.prior.vwap, 1e-12));
  assert.equal(k.pdPOC, x.prior.poc);
  assert.equal(k.pdVAH, x.prior.vah);
  assert.equal(k.pdVAL, x.prior.val);
  assert.equal(k.pdHigh, x.prior.high);
  assert.equal(k.pdLow, x.prior.low);
  assert.equal(k.pdClose, x.prior.close);
  assert.equal(k.sessions.tokyo.high, x.today.high);
  assert.equal(k.sessions.tokyo.low, x.today.low);
  assert.equal(k.sessions.tokyo.trades, x.today.trades);
  assert.equal(k.sessions.london.trades, 0);
  assert.ok(Array.isArray(k.nakedPOCs));
  const pk = await call('get_key_levels', { symbol: 'BTCUSDT', date: '2024-07-18' });
  assert.equal(pk.dPOC, x.prior.poc);
  assert.equal(pk.trades, x.prior.trades);

  const f = await call('get_footprint', { symbol: 'BTCUSDT', timeframe: '1m', startTime: x.dayStartMs, topN: 3 });
  assert.equal(f.bars.length, x.bars1m.length);
  f.bars.forEach((b, i) => {
    const e = x.bars1m[i];
    assert.equal(b.openTime, e.openTime);
    assert.equal(b.trades, e.trades);
    assert.ok(close(b.volume, e.volume) && close(b.delta, e.delta) && close(b.cvd, e.cvd), `bar ${i} volume/delta/cvd`);
    assert.deepEqual([b.open, b.high, b.low, b.close], [e.open, e.high, e.low, e.close]);
    assert.ok(b.rows.length <= 3);
  });
  await call('get_footprint', { symbol: 'BTCUSDT', timeframe: '5m' }); // default size checked in call()

  const of = await call('get_orderflow_metrics', { symbol: 'BTCUSDT', timeframe: '1m' });
  const [prev, cur] = x.bars1m.slice(-2);
  assert.equal(of.current.openTime, cur.openTime);
  assert.equal(of.previous.openTime, prev.openTime);
  assert.equal(of.previous.closed, true);
  assert.ok(close(of.current.delta, cur.delta) && close(of.current.buyVolume, cur.buy) && close(of.current.cvd, cur.cvd));
  assert.ok(close(of.previous.sellVolume, prev.sell) && close(of.previous.buyShare, prev.buy / prev.volume));
  assert.ok(close(of.day.delta, x.today.delta));

  const d = await call('get_orderbook_depth_delta', { symbol: 'BTCUSDT', windowSec: 30, lookback: 4 });
  assert.equal(d.percent, 1);
  assert.ok(close(d.current.bidDepth, x.book1pct.bidDepth) && close(d.current.askDepth, x.book1pct.askDepth));
  assert.ok(close(d.current.mid, x.book1pct.mid));
  assert.equal(d.windows.length, 4);
  const samples = bookSamples(d.windows.map(w => w.sampleMs));
  for (const w of d.windows) {
    const s = samples.get(w.sampleMs);
    assert.ok(close(w.bidDepth, s.bidDepth) && close(w.askDepth, s.askDepth), `window ending ${w.endIso}`);
  }
  for (let i = 1; i < d.windows.length; ++i)
    assert.ok(close(d.windows[i].netChange, d.windows[i].net - d.windows[i - 1].net));

  const l = await call('stream_liquidations', { symbol: 'BTCUSDT', compact: false });
  assert.deepEqual(l.items.map(i => [i.timeMs, i.side, i.avgPrice, i.qty]),
    [...LIQUIDATIONS].reverse().map(e => [e.T, e.S, Number(e.ap), Number(e.z)]));
  const longs = LIQUIDATIONS.filter(e => e.S === 'SELL'), shorts = LIQUIDATIONS.filter(e => e.S === 'BUY');
  assert.equal(l.totals['1h'].count, 3);
  assert.ok(close(l.totals['1h'].longNotional, longs.reduce((a, e) => a + e.notional, 0)));
  assert.ok(close(l.totals['1h'].shortNotional, shorts.reduce((a, e) => a + e.notional, 0)));
  assert.ok(close(l.totals['1h'].longQty, 0.252));
  assert.equal(l.totals['1h'].largest.side, 'BUY');

  const s = await call('scan_market', {});
  assert.equal(s.rows.length, 1);
  assert.equal(s.rows[0].symbol, 'BTCUSDT');
  assert.equal(s.rows[0].price, x.lastPrice);
  assert.equal(s.rows[0].vsValueArea, position(x.lastPrice));
  assert.equal(s.rows[0].deltaSign, Math.sign(x.today.delta));
  assert.equal(s.rows[0].fundingRate, Number(MARK.r));
  assert.deepEqual(s.unavailable.map(u => u.symbol), ['ETHUSDT']);

  const sl = await call('get_swing_liquidity', { symbol: 'BTCUSDT', interval: '1m', activeOnly: false });
  assert.equal(sl.lastPrice, x.lastPrice);
  for (const l of sl.buySide.filter(v => !v.swept)) assert.ok(l.price >= x.lastPrice, 'active buy-side above price');
  for (const l of sl.sellSide.filter(v => !v.swept)) assert.ok(l.price <= x.lastPrice, 'active sell-side below price');
  const ms = await call('get_market_structure', { symbol: 'BTCUSDT', interval: '1m' });
  assert.ok(['up', 'down', 'range'].includes(ms.trend));
  const oi = await c.callTool({ name: 'get_open_interest', arguments: { symbol: 'BTCUSDT' } });
  assert.equal(oi.isError, true, 'the recordings hold no open interest');
  const fr = await call('get_funding_rate', { symbol: 'BTCUSDT' });
  assert.equal(fr.current.fundingRate, Number(MARK.r), 'current rate from the mark-price stream');
  assert.equal(fr.intervalHours, 8);
  assert.deepEqual(fr.history, [], 'the recordings hold no settled rate');
  const hm = await call('get_orderbook_heatmap', { symbol: 'BTCUSDT', lookbackMinutes: 60, maxLevels: 3 });
  assert.ok(hm.bids.length <= 3 && hm.asks.length <= 3, 'top maxLevels bins per side');
  assert.ok(hm.coverage > 0 && hm.coverage <= 1, 'the replayed book was sampled');
  for (const [price] of hm.bids) assert.ok(price < hm.bestAsk, 'bid bins below the best ask');
}
