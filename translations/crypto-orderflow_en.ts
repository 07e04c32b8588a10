<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>PriceChart</name>
    <message>
        <source>Tokyo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>London</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New York</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dPOC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dVAH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dVAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdVWAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdPOC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdVAH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdVAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdHigh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdLow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdClose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nPOC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for trades…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USD-M perpetuals to follow, comma separated (e.g. BTCUSDT,ETHUSDT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value area %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the volume inside the value area (1–100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value area method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the value area grows from the POC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two rows at a time (CBOT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imbalance ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagonal imbalance when one side is at least this many times the other (1–100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stacked imbalance rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consecutive imbalance rows that make a stacked zone (2–50)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imbalance minimum volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest volume (base asset) a cell needs to count as an imbalance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depth band %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order-book depth counted within this distance of the mid price (0.01–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CVD reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether cumulative delta starts again each day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokyo, London and New York sessions in fixed UTC windows or local market hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTC windows (00–09, 07–16, 13–22)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local market hours (with daylight saving)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large trade (USDT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notional from which a trade counts as large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IANA time zone whose midnight starts a trading day (e.g. UTC, Asia/Shanghai)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 keeps the server on this computer; other addresses need a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port of the MCP/REST server (0: any free port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token every request must carry (required off this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed browser origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra web page origins allowed to call the server, comma separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite file for cached trades (empty: the default in the app data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days of trades kept in the cache (1–365)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binance REST URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USD-M futures REST base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binance WebSocket URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USD-M futures WebSocket root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binance archive URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public data archive used for history imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy for Binance, e.g. http://127.0.0.1:7890 or socks5://127.0.0.1:1080 (the HTTPS_PROXY environment variable wins when set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much the program writes to its log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::CvdChart</name>
    <message>
        <source>CVD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CVD: waiting for trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CVD %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>continuous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resets each day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::DepthDeltaChart</name>
    <message>
        <source>Bids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net (bids − asks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now within ±%1 %: bids %2 · asks %3 · net %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order book not synchronised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depth within ±%1 %: no order-book samples yet. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(history sampled at the nearest band, ±%1 %)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::DerivativesChart</name>
    <message>
        <source>Open interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding rate %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark %1 · index %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>funding %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OI %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(1 h %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mark price or open interest in this data (recorded files often have neither).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::DesktopApp</name>
    <message>
        <source>Converting the trade cache to compact blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trade cache converted to compact blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crypto Orderflow keeps running in the tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Replaying %n file(s)</source>
        <translation>
            <numerusform>Replaying %n file</numerusform>
            <numerusform>Replaying %n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid proxy %1: accepted http://host:port or socks5://host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. These apply after a restart: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring cached trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached trades restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore cancelled: live data continues; the charts lack the cached trades not restored (the cache keeps them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backfilling today&apos;s trades: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backfill done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not move to the new address and stays where it was: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backfill cancelled: live data continues; today&apos;s trades not yet fetched (%1) are a gap in the data quality</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::FootprintView</name>
    <message>
        <source>%1 UTC · volume %2 · delta %3 · POC %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: bid %2 × ask %3 · delta %4 · %n trade(s)</source>
        <translation>
            <numerusform>%1: bid %2 × ask %3 · delta %4 · %n trade</numerusform>
            <numerusform>%1: bid %2 × ask %3 · delta %4 · %n trades</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for trades…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delta</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::ImportDialog</name>
    <message>
        <source>Binance aggTrades files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aggTrades archives (*.zip *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download daily files from the Binance archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local files (zip or CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported days are written to the cache: history, key levels and the next start&apos;s restore use them. The charts running now are not rewritten (today&apos;s engine keeps its live data). The live recorder keeps writing meanwhile: it waits for each file&apos;s commit and loses nothing. A cancelled file is rolled back whole; importing again resumes where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking the checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 rows · %3 rows/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::LevelsPanel</name>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dVWAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dVWAP %1%2σ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dPOC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dVAH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dVAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdVWAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdPOC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdVAH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdVAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdHigh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdLow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdClose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 VWAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Naked POC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 · last %3 · volume %4 · delta %5 · CVD %6 · %n trade(s)</source>
        <translation>
            <numerusform>%1 %2 · last %3 · volume %4 · delta %5 · CVD %6 · %n trade</numerusform>
            <numerusform>%1 %2 · last %3 · volume %4 · delta %5 · CVD %6 · %n trades</numerusform>
        </translation>
    </message>
    <message>
        <source>Source %1 (%2) · coverage %3 % · tick %4 from %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not live</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) in the trades</source>
        <translation>
            <numerusform>%n gap in the trades</numerusform>
            <numerusform>%n gaps in the trades</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>co::LiquidationModel</name>
    <message>
        <source>Long liquidated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short liquidated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notional (USDT)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::LiquidationTable</name>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longs liquidated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shorts liquidated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Shown: %n order(s) · longs %1 · shorts %2 USDT</source>
        <translation>
            <numerusform>Shown: %n order · longs %1 · shorts %2 USDT</numerusform>
            <numerusform>Shown: %n orders · longs %1 · shorts %2 USDT</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>24 h: %n order(s) · longs %1 · shorts %2 USDT (lower bounds: one order per second is pushed)</source>
        <translation>
            <numerusform>24 h: %n order · longs %1 · shorts %2 USDT (lower bounds: one order per second is pushed)</numerusform>
            <numerusform>24 h: %n orders · longs %1 · shorts %2 USDT (lower bounds: one order per second is pushed)</numerusform>
        </translation>
    </message>
    <message>
        <source>No liquidations in this data yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::MainWindow</name>
    <message>
        <source>Price, VWAP and levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CVD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depth delta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open interest and funding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquidations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquidity heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price rows merged: multiples of the tick size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid × Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Symbol </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Timeframe </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Rows </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Footprint </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scroll back to the newest bar (Home)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Crypto Orderflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Crypto Orderflow %1&lt;/b&gt;&lt;p&gt;Order-flow analytics for Binance USD-M perpetual futures: footprint, delta and CVD, volume profile, VWAP, sessions, depth, funding, open interest and liquidations.&lt;/p&gt;&lt;p&gt;MCP server: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Alerts…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::ProfileView</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prior day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trades in this profile yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · rows %2 · volume %3 · value area %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::SettingsDialog</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trade cache on disk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no trade cache open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on disk, days held: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set on the command line: a saved value is used only when it is not given there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set in the environment: a saved value is used only when that variable is unset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set in the .env file: a saved value is used only when it is not given there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps running in the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies at once: the server restarts on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies at once, to the charts and the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::StatusPanel</name>
    <message>
        <source>Click to copy the MCP server URL (for Cherry Studio and other MCP clients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP server off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lag %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · data time %2 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST weight %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST weight %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backfilling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binance-usdm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::TrayIcon</name>
    <message>
        <source>Crypto Orderflow alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP server running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>co::AlertsDialog</name>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price crosses a level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stacked imbalance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquidations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delta/CVD divergence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USDT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
