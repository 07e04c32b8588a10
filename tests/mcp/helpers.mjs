// Shared by the MCP client tests: where the program and the recorded data are, how to start the
// program on a replayed day, and the expected values worked out here from the raw recordings
// (own gzip reading, JSON parsing, order book and profile arithmetic; no code of the program).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const BIN = process.env.CO_BIN ?? '';
export const DATA = process.env.CO_SHARED_DATA_DIR ?? '';
export const FILES = ['hftbacktest/btcusdt_20240718.gz', 'hftbacktest/btcusdt_20240719.gz'].map(f => join(DATA, f));

// Why these tests cannot run here, or '' when they can.
export function skipReason() {
  if (!BIN || !existsSync(BIN)) return `CO_BIN (${BIN || 'unset'}) is not the built crypto-orderflow`;
  if (!FILES.every(existsSync)) return `shared data not found under CO_SHARED_DATA_DIR=${DATA || '(unset)'}`;
  return '';
}

// ---- the synthetic tail: mark price and liquidations after the recording (none were recorded) ----
const T0 = Date.UTC(2024, 6, 19, 0, 5, 2, 500);
export const MARK = { E: T0, p: '63870.10', i: '63865.00', P: '63869.00', r: '0.00010000', T: Date.UTC(2024, 6, 19, 8) };
export const LIQUIDATIONS = [ // oldest first; S SELL = a long liquidated
  { T: T0 + 500, S: 'SELL', p: '63800.00', ap: '63810.50', z: '0.250', notional: 0.25 * 63810.5 },
  { T: T0 + 1500, S: 'BUY', p: '63900.00', ap: '63901.20', z: '1.500', notional: 1.5 * 63901.2 },
  { T: T0 + 2500, S: 'SELL', p: '63700.00', ap: '63705.00', z: '0.002', notional: 0.002 * 63705 },
];
export const LAST_EVENT_MS = T0 + 2500;

function tailFile(dir) {
  const ns = ms => `${BigInt(ms) * 1000000n}`;
  const lines = [`${ns(MARK.E)} ${JSON.stringify({ stream: 'btcusdt@markPrice@1s', data: { e: 'markPriceUpdate', s: 'BTCUSDT', ...MARK } })}`];
  for (const l of LIQUIDATIONS)
    lines.push(`${ns(l.T)} ${JSON.stringify({ stream: 'btcusdt@forceOrder', data: { e: 'forceOrder', E: l.T,
      o: { s: 'BTCUSDT', S: l.S, o: 'LIMIT', f: 'IOC', q: l.z, p: l.p, ap: l.ap, X: 'FILLED', l: l.z, z: l.z, T: l.T } } })}`);
  const path = join(dir, 'tail.rec');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

// A private home for one run: cache database, logs and settings stay out of the user's.
export function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'co-mcp-'));
  return {
    dir,
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir,
      CACHE_DB_PATH: join(dir, 'cache.sqlite'), MCP_CATALOG_PATH: join(dir, 'catalog.json') },
    replayArgs: ['--replay', ...FILES, tailFile(dir), '--symbols', 'BTCUSDT,ETHUSDT'],
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// Starts `crypto-orderflow --headless --port 0 --replay …`, waits for the port line and the end of
// the replay (/healthz). Returns { base, proc, stop }.
export async function startServer(extraArgs = []) {
  const box = sandbox();
  const proc = spawn(BIN, ['--headless', '--port', '0', ...box.replayArgs, ...extraArgs], { env: box.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const base = await new Promise((ok, fail) => {
    const to = setTimeout(() => fail(new Error(`no port line within 20 s:\n${log}`)), 20000);
    proc.stderr.on('data', d => {
      const m = (log += d).match(/MCP listening on (127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(to); ok(`http://${m[1]}`); }
    });
    proc.on('exit', code => fail(new Error(`exited with ${code}:\n${log}`)));
  });
  for (let i = 0; i < 200; ++i) {
    const h = await (await fetch(`${base}/healthz`)).json();
    if (h.replay?.finished) break;
    await new Promise(r => setTimeout(r, 100));
  }
  const stop = async () => {
    if (proc.exitCode === null) await new Promise(r => { proc.once('exit', r); proc.kill('SIGTERM'); });
    box.cleanup();
  };
  return { base, proc, stop, env: box.env, log: () => log };
}

// ---- expectations from the raw recordings ----------------------------------------------------------
// Decimal string → BigInt of 10^-d units ("63960.00", 2 → 6396000n).
function fixed(s, d) {
  const [i, f = ''] = s.split('.');
  return BigInt(i + (f + '0'.repeat(d)).slice(0, d));
}
const dayOf = ms => new Date(ms).toISOString().slice(0, 10);

function readEvents() {
  const events = [];
  for (const f of FILES)
    for (const line of gunzipSync(readFileSync(f)).toString('utf8').split('\n')) {
      const at = line.indexOf('{');
      if (at < 0) continue;
      const o = JSON.parse(line.slice(at));
      events.push(o.data ?? o);
    }
  return events;
}

// Profile levels of indicators.md §2 on rows (tick 0.1 = 10 cents): POC with the middle/lower tie
// rule, value area by the CBOT dual-row rule.
function profileLevels(volByRow) {
  const rows = [...volByRow.keys()].sort((a, b) => a - b);
  const low = rows[0], n = rows[rows.length - 1] - low + 1;
  const v = Array.from({ length: n }, (_, k) => volByRow.get(low + k) ?? 0);
  let poc = 0;
  for (let k = 1; k < n; ++k) {
    const better = v[k] > v[poc] || (v[k] === v[poc] && Math.abs(2 * k - (n - 1)) < Math.abs(2 * poc - (n - 1)));
    if (better) poc = k;
  }
  const total = v.reduce((a, b) => a + b, 0); // integer milli-units: exact
  let lo = poc, hi = poc, vol = v[poc];
  while (vol * 10 < total * 7 && (lo > 0 || hi < n - 1)) {
    const up = (hi + 1 < n ? v[hi + 1] : 0) + (hi + 2 < n ? v[hi + 2] : 0);
    const down = (lo - 1 >= 0 ? v[lo - 1] : 0) + (lo - 2 >= 0 ? v[lo - 2] : 0);
    const upRows = Math.min(2, n - 1 - hi), downRows = Math.min(2, lo);
    if (downRows === 0 || (upRows > 0 && up >= down)) { hi += upRows; vol += up; } else { lo -= downRows; vol += down; }
  }
  const price = k => (low + k) / 10;
  return { poc: price(poc), vah: price(hi), val: price(lo) };
}

function dayStats(trades) {
  let volume = 0n, buy = 0n, pq = 0n;
  const byRow = new Map();
  for (const t of trades) {
    volume += t.q;
    if (!t.m) buy += t.q;
    pq += t.p * t.q;
    const row = Number(t.p / 10n);
    byRow.set(row, (byRow.get(row) ?? 0) + Number(t.q));
  }
  const first = trades[0], last = trades[trades.length - 1];
  const prices = trades.map(t => Number(t.p) / 100);
  return {
    trades: trades.length,
    volume: Number(volume) / 1000, buy: Number(buy) / 1000, sell: Number(volume - buy) / 1000,
    delta: Number(2n * buy - volume) / 1000,
    vwap: Number(pq) / Number(volume) / 100,
    open: Number(first.p) / 100, close: Number(last.p) / 100,
    high: Math.max(...prices), low: Math.min(...prices),
    ...profileLevels(byRow),
  };
}

// Bars of tfMs by trade time: volume, delta, OHLC, trades, cvd at close (day reset).
function bars(trades, tfMs) {
  const out = new Map();
  let cvd = 0;
  for (const t of trades) {
    const open = t.T - (t.T % tfMs);
    let b = out.get(open);
    if (!b) out.set(open, b = { openTime: open, volume: 0, buy: 0, sell: 0, trades: 0, open: Number(t.p) / 100, high: -Infinity, low: Infinity });
    const q = Number(t.q) / 1000, p = Number(t.p) / 100;
    b.volume += q; b.trades += 1; b.close = p;
    if (t.m) b.sell += q; else b.buy += q;
    b.high = Math.max(b.high, p); b.low = Math.min(b.low, p);
    cvd += t.m ? -q : q;
    b.cvd = cvd;
  }
  for (const b of out.values()) b.delta = b.buy - b.sell;
  return [...out.values()];
}

// The order book replayed exactly (REST snapshot + diffs, binance.md §5): bands at any time.
class Book {
  constructor() { this.bids = new Map(); this.asks = new Map(); }
  set(side, levels) { for (const [p, q] of levels) { const k = fixed(p, 2), v = fixed(q, 3); if (v === 0n) side.delete(k); else side.set(k, v); } }
  best() { return { bid: [...this.bids.keys()].reduce((a, b) => (b > a ? b : a)), ask: [...this.asks.keys()].reduce((a, b) => (b < a ? b : a)) }; }
  // Quantities within ±bp/100 % of mid, exactly: bid p·20000 ≥ (bb+ba)(10000−bp).
  band(bp) {
    const { bid, ask } = this.best();
    const sum = bid + ask;
    let b = 0n, a = 0n;
    for (const [p, q] of this.bids) if (p * 20000n >= sum * BigInt(10000 - bp)) b += q;
    for (const [p, q] of this.asks) if (p * 20000n <= sum * BigInt(10000 + bp)) a += q;
    return { bidDepth: Number(b) / 1000, askDepth: Number(a) / 1000, mid: Number(sum) / 200, bestBid: Number(bid) / 100, bestAsk: Number(ask) / 100 };
  }
}

// Replays the book; sampleAt: times t (ms) → the 1 % band after every diff with E < t.
function replayBook(events, sampleAt = []) {
  const book = new Book();
  const pending = [], samples = new Map();
  const times = [...sampleAt].sort((a, b) => a - b);
  let synced = false, lastU = 0, ti = 0;
  const apply = d => {
    while (ti < times.length && times[ti] <= d.E) { samples.set(times[ti], book.band(100)); ++ti; }
    book.set(book.bids, d.b); book.set(book.asks, d.a); lastU = d.u;
  };
  for (const e of events) {
    if (e.lastUpdateId !== undefined) {
      book.set(book.bids, e.bids); book.set(book.asks, e.asks);
      for (const d of pending) if (d.u >= e.lastUpdateId && (synced || d.U <= e.lastUpdateId)) { if (synced && d.pu !== lastU) throw new Error('gap'); synced = true; apply(d); }
      if (!synced) throw new Error('snapshot not bracketed');
    } else if (e.e === 'depthUpdate') {
      if (!synced) { pending.push(e); continue; }
      if (e.pu !== lastU) throw new Error('depth gap');
      apply(e);
    }
  }
  while (ti < times.length) { samples.set(times[ti], book.band(100)); ++ti; }
  return { book, samples };
}

let cached;
export function expected() {
  if (cached) return cached;
  const events = readEvents();
  const trades = events.filter(e => e.e === 'trade' && (e.X ?? 'MARKET') === 'MARKET')
    .map(e => ({ id: e.t, T: e.T, p: fixed(e.p, 2), q: fixed(e.q, 3), m: e.m }))
    .sort((a, b) => a.id - b.id);
  const today = trades.filter(t => dayOf(t.T) === '2024-07-19');
  const prior = trades.filter(t => dayOf(t.T) === '2024-07-18');
  const { book } = replayBook(events);
  cached = {
    events,
    today: dayStats(today),
    prior: dayStats(prior),
    lastPrice: Number(trades[trades.length - 1].p) / 100,
    bars1m: bars(today, 60000),
    bars5m: bars(today, 300000),
    book1pct: book.band(100),
    book2pct: book.band(200),
    dayStartMs: Date.UTC(2024, 6, 19),
  };
  return cached;
}

export function bookSamples(times) { return replayBook(expected().events, times).samples; }

export const close = (a, b, eps = 1e-6) => Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));
