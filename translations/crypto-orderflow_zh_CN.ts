<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PriceChart</name>
    <message>
        <source>Tokyo</source>
        <translation>东京</translation>
    </message>
    <message>
        <source>London</source>
        <translation>伦敦</translation>
    </message>
    <message>
        <source>New York</source>
        <translation>纽约</translation>
    </message>
    <message>
        <source>dPOC</source>
        <translation>当日POC</translation>
    </message>
    <message>
        <source>dVAH</source>
        <translation>当日VAH</translation>
    </message>
    <message>
        <source>dVAL</source>
        <translation>当日VAL</translation>
    </message>
    <message>
        <source>pdVWAP</source>
        <translation>前日VWAP</translation>
    </message>
    <message>
        <source>pdPOC</source>
        <translation>前日POC</translation>
    </message>
    <message>
        <source>pdVAH</source>
        <translation>前日VAH</translation>
    </message>
    <message>
        <source>pdVAL</source>
        <translation>前日VAL</translation>
    </message>
    <message>
        <source>pdHigh</source>
        <translation>前日最高</translation>
    </message>
    <message>
        <source>pdLow</source>
        <translation>前日最低</translation>
    </message>
    <message>
        <source>pdClose</source>
        <translation>前日收盘</translation>
    </message>
    <message>
        <source>%1 high</source>
        <translation>%1最高</translation>
    </message>
    <message>
        <source>%1 low</source>
        <translation>%1最低</translation>
    </message>
    <message>
        <source>nPOC %1</source>
        <translation>裸POC %1</translation>
    </message>
    <message>
        <source>Waiting for trades…</source>
        <translation>等待成交数据…</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>交易对</translation>
    </message>
    <message>
        <source>USD-M perpetuals to follow, comma separated (e.g. BTCUSDT,ETHUSDT)</source>
        <translation>要跟踪的 U 本位永续合约，以逗号分隔（例如 BTCUSDT,ETHUSDT）</translation>
    </message>
    <message>
        <source>Value area %</source>
        <translation>价值区 %</translation>
    </message>
    <message>
        <source>Share of the volume inside the value area (1–100)</source>
        <translation>价值区内包含的成交量占比（1–100）</translation>
    </message>
    <message>
        <source>Value area method</source>
        <translation>价值区算法</translation>
    </message>
    <message>
        <source>How the value area grows from the POC</source>
        <translation>价值区从 POC 向外扩展的方式</translation>
    </message>
    <message>
        <source>Two rows at a time (CBOT)</source>
        <translation>每次两行（CBOT 规则）</translation>
    </message>
    <message>
        <source>One row at a time</source>
        <translation>每次一行</translation>
    </message>
    <message>
        <source>Imbalance ratio</source>
        <translation>失衡比例</translation>
    </message>
    <message>
        <source>Diagonal imbalance when one side is at least this many times the other (1–100)</source>
        <translation>一侧成交量至少为对角另一侧的该倍数时判定为对角失衡（1–100）</translation>
    </message>
    <message>
        <source>Stacked imbalance rows</source>
        <translation>堆叠失衡行数</translation>
    </message>
    <message>
        <source>Consecutive imbalance rows that make a stacked zone (2–50)</source>
        <translation>构成堆叠失衡区所需的连续失衡行数（2–50）</translation>
    </message>
    <message>
        <source>Imbalance minimum volume</source>
        <translation>失衡最小成交量</translation>
    </message>
    <message>
        <source>Smallest volume (base asset) a cell needs to count as an imbalance</source>
        <translation>单元格计为失衡所需的最小成交量（以基础资产计）</translation>
    </message>
    <message>
        <source>Depth band %</source>
        <translation>深度范围 %</translation>
    </message>
    <message>
        <source>Order-book depth counted within this distance of the mid price (0.01–10)</source>
        <translation>统计中间价上下该百分比范围内的订单簿深度（0.01–10）</translation>
    </message>
    <message>
        <source>CVD reset</source>
        <translation>CVD 重置</translation>
    </message>
    <message>
        <source>Whether cumulative delta starts again each day</source>
        <translation>累计成交量差（CVD）是否每天从零开始</translation>
    </message>
    <message>
        <source>Each day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>交易时段</translation>
    </message>
    <message>
        <source>Tokyo, London and New York sessions in fixed UTC windows or local market hours</source>
        <translation>东京、伦敦、纽约时段采用固定的 UTC 时间窗口，或采用当地市场交易时间</translation>
    </message>
    <message>
        <source>UTC windows (00–09, 07–16, 13–22)</source>
        <translation>UTC 时间窗口（00–09、07–16、13–22）</translation>
    </message>
    <message>
        <source>Local market hours (with daylight saving)</source>
        <translation>当地市场交易时间（含夏令时）</translation>
    </message>
    <message>
        <source>Large trade (USDT)</source>
        <translation>大单阈值（USDT）</translation>
    </message>
    <message>
        <source>Notional from which a trade counts as large</source>
        <translation>成交额达到该值（USDT）即计为大单</translation>
    </message>
    <message>
        <source>Day time zone</source>
        <translation>交易日时区</translation>
    </message>
    <message>
        <source>IANA time zone whose midnight starts a trading day (e.g. UTC, Asia/Shanghai)</source>
        <translation>以该 IANA 时区的午夜作为交易日的开始（例如 UTC、Asia/Shanghai）</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>127.0.0.1 keeps the server on this computer; other addresses need a token</source>
        <translation>127.0.0.1 表示仅本机可访问；使用其他地址必须设置访问令牌</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>TCP port of the MCP/REST server (0: any free port)</source>
        <translation>MCP/REST 服务器的 TCP 端口（0 表示任选一个空闲端口）</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Bearer token every request must carry (required off this computer)</source>
        <translation>每个请求都必须携带的 Bearer 令牌（非本机访问时必填）</translation>
    </message>
    <message>
        <source>Allowed browser origins</source>
        <translation>允许的浏览器来源</translation>
    </message>
    <message>
        <source>Extra web page origins allowed to call the server, comma separated</source>
        <translation>额外允许调用服务器的网页来源（Origin），以逗号分隔</translation>
    </message>
    <message>
        <source>Cache file</source>
        <translation>缓存文件</translation>
    </message>
    <message>
        <source>SQLite file for cached trades (empty: the default in the app data folder)</source>
        <translation>保存成交缓存的 SQLite 文件（留空则使用应用数据目录中的默认位置）</translation>
    </message>
    <message>
        <source>Cache days</source>
        <translation>缓存天数</translation>
    </message>
    <message>
        <source>Days of trades kept in the cache (1–365)</source>
        <translation>缓存中保留成交数据的天数（1–365）</translation>
    </message>
    <message>
        <source>Binance REST URL</source>
        <translation>币安 REST 地址</translation>
    </message>
    <message>
        <source>USD-M futures REST base URL</source>
        <translation>U 本位合约 REST 接口基础地址</translation>
    </message>
    <message>
        <source>Binance WebSocket URL</source>
        <translation>币安 WebSocket 地址</translation>
    </message>
    <message>
        <source>USD-M futures WebSocket root</source>
        <translation>U 本位合约 WebSocket 根地址</translation>
    </message>
    <message>
        <source>Binance archive URL</source>
        <translation>币安历史数据地址</translation>
    </message>
    <message>
        <source>Public data archive used for history imports</source>
        <translation>导入历史数据所用的公开数据存档地址</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Proxy for Binance, e.g. http://127.0.0.1:7890 or socks5://127.0.0.1:1080 (the HTTPS_PROXY environment variable wins when set)</source>
        <translation>连接币安所用的代理，例如 http://127.0.0.1:7890 或 socks5://127.0.0.1:1080（如设置了 HTTPS_PROXY 环境变量，则以环境变量为准）</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>日志级别</translation>
    </message>
    <message>
        <source>How much the program writes to its log</source>
        <translation>程序写入日志的详细程度</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>co::CvdChart</name>
    <message>
        <source>CVD</source>
        <translation>CVD</translation>
    </message>
    <message>
        <source>zero</source>
        <translation>零轴</translation>
    </message>
    <message>
        <source>CVD: waiting for trades</source>
        <translation>CVD：等待成交数据</translation>
    </message>
    <message>
        <source>CVD %1 (%2)</source>
        <translation>CVD %1（%2）</translation>
    </message>
    <message>
        <source>continuous</source>
        <translation>连续累计</translation>
    </message>
    <message>
        <source>resets each day</source>
        <translation>每天重置</translation>
    </message>
</context>
<context>
    <name>co::DepthDeltaChart</name>
    <message>
        <source>Bids</source>
        <translation>买盘</translation>
    </message>
    <message>
        <source>Asks</source>
        <translation>卖盘</translation>
    </message>
    <message>
        <source>Net (bids − asks)</source>
        <translation>净值（买盘 − 卖盘）</translation>
    </message>
    <message>
        <source>Now within ±%1 %: bids %2 · asks %3 · net %4</source>
        <translation>当前 ±%1 % 范围内：买盘 %2 · 卖盘 %3 · 净值 %4</translation>
    </message>
    <message>
        <source>Order book not synchronised</source>
        <translation>订单簿尚未同步</translation>
    </message>
    <message>
        <source>Depth within ±%1 %: no order-book samples yet. %2</source>
        <translation>±%1 % 范围内深度：暂无订单簿采样。%2</translation>
    </message>
    <message>
        <source>(history sampled at the nearest band, ±%1 %)</source>
        <translation>（历史数据按最接近的 ±%1 % 档位采样）</translation>
    </message>
</context>
<context>
    <name>co::DerivativesChart</name>
    <message>
        <source>Open interest</source>
        <translation>持仓量</translation>
    </message>
    <message>
        <source>Funding rate %</source>
        <translation>资金费率 %</translation>
    </message>
    <message>
        <source>Mark %1 · index %2</source>
        <translation>标记价格 %1 · 指数价格 %2</translation>
    </message>
    <message>
        <source>funding %1 %</source>
        <translation>资金费率 %1 %</translation>
    </message>
    <message>
        <source>next in %1</source>
        <translation>距下次结算 %1</translation>
    </message>
    <message>
        <source>OI %1</source>
        <translation>持仓量 %1</translation>
    </message>
    <message>
        <source>(1 h %1)</source>
        <translation>（1 小时 %1）</translation>
    </message>
    <message>
        <source>No mark price or open interest in this data (recorded files often have neither).</source>
        <translation>当前数据中没有标记价格或持仓量（录制文件通常两者都没有）。</translation>
    </message>
</context>
<context>
    <name>co::DesktopApp</name>
    <message>
        <source>Converting the trade cache to compact blocks</source>
        <translation>正在将成交缓存转换为压缩块</translation>
    </message>
    <message>
        <source>Trade cache converted to compact blocks</source>
        <translation>成交缓存已转换为压缩块</translation>
    </message>
    <message>
        <source>Crypto Orderflow keeps running in the tray.</source>
        <translation>Crypto Orderflow 仍在系统托盘中运行。</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message numerus="yes">
        <source>Replaying %n file(s)</source>
        <translation>
            <numerusform>正在回放 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay finished</source>
        <translation>回放完成</translation>
    </message>
    <message>
        <source>Replay stopped: %1</source>
        <translation>回放已停止：%1</translation>
    </message>
    <message>
        <source>invalid proxy %1: accepted http://host:port or socks5://host:port</source>
        <translation>代理地址 %1 无效：应为 http://主机:端口 或 socks5://主机:端口</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <source>Saved. These apply after a restart: %1.</source>
        <translation>已保存。以下设置在重启后生效：%1。</translation>
    </message>
    <message>
        <source>Restoring cached trades</source>
        <translation>正在恢复缓存的成交数据</translation>
    </message>
    <message>
        <source>Cached trades restored</source>
        <translation>缓存的成交数据已恢复</translation>
    </message>
    <message>
        <source>The server did not start: %1</source>
        <translation>服务器未能启动：%1</translation>
    </message>
    <message>
        <source>Restore cancelled: live data continues; the charts lack the cached trades not restored (the cache keeps them)</source>
        <translation>恢复已取消：实时数据照常继续；图表缺少尚未恢复的缓存成交（缓存中仍保留）</translation>
    </message>
    <message>
        <source>Restore failed: %1</source>
        <translation>恢复失败：%1</translation>
    </message>
    <message>
        <source>Backfilling today&apos;s trades: %1</source>
        <translation>正在补齐今日成交：%1</translation>
    </message>
    <message>
        <source>Backfill done</source>
        <translation>补数据完成</translation>
    </message>
    <message>
        <source>The server could not move to the new address and stays where it was: %1</source>
        <translation>服务器无法切换到新地址，仍在原地址运行：%1</translation>
    </message>
    <message>
        <source>Backfill cancelled: live data continues; today&apos;s trades not yet fetched (%1) are a gap in the data quality</source>
        <translation>补数据已取消：实时数据照常继续；今日尚未获取的成交（%1）在数据质量中记为缺口</translation>
    </message>
</context>
<context>
    <name>co::FootprintView</name>
    <message>
        <source>%1 UTC · volume %2 · delta %3 · POC %4</source>
        <translation>%1 UTC · 成交量 %2 · Delta %3 · POC %4</translation>
    </message>
    <message numerus="yes">
        <source>%1: bid %2 × ask %3 · delta %4 · %n trade(s)</source>
        <translation>
            <numerusform>%1：主卖 %2 × 主买 %3 · Delta %4 · %n 笔成交</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for trades…</source>
        <translation>等待成交数据…</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>成交量</translation>
    </message>
    <message>
        <source>Delta</source>
        <translation>Delta</translation>
    </message>
</context>
<context>
    <name>co::ImportDialog</name>
    <message>
        <source>Binance aggTrades files</source>
        <translation>币安 aggTrades 文件</translation>
    </message>
    <message>
        <source>aggTrades archives (*.zip *.csv)</source>
        <translation>aggTrades 存档 (*.zip *.csv)</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Import archive</source>
        <translation>导入历史数据</translation>
    </message>
    <message>
        <source>Download daily files from the Binance archive</source>
        <translation>从币安历史数据存档下载每日文件</translation>
    </message>
    <message>
        <source>Local files (zip or CSV)</source>
        <translation>本地文件（zip 或 CSV）</translation>
    </message>
    <message>
        <source>Symbol:</source>
        <translation>交易对：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Imported days are written to the cache: history, key levels and the next start&apos;s restore use them. The charts running now are not rewritten (today&apos;s engine keeps its live data). The live recorder keeps writing meanwhile: it waits for each file&apos;s commit and loses nothing. A cancelled file is rolled back whole; importing again resumes where it stopped.</source>
        <translation>导入的交易日写入缓存：历史数据、关键价位以及下次启动时的恢复都会使用它们。当前运行中的图表不会被重写（今日引擎保留其实时数据）。实时记录在导入期间照常写入：它会等待每个文件提交，不会丢失数据。被取消的文件会整体回滚；再次导入会从中断处继续。</translation>
    </message>
    <message>
        <source>File %1 of %2: %3</source>
        <translation>第 %1 / %2 个文件：%3</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>checking the checksum</source>
        <translation>校验中</translation>
    </message>
    <message>
        <source>importing</source>
        <translation>导入中</translation>
    </message>
    <message>
        <source>%1 · %2 rows · %3 rows/s</source>
        <translation>%1 · %2 行 · %3 行/秒</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>未开始：%1</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>co::LevelsPanel</name>
    <message>
        <source>Level</source>
        <translation>价位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>From last</source>
        <translation>距最新价</translation>
    </message>
    <message>
        <source>Waiting for trades</source>
        <translation>等待成交数据</translation>
    </message>
    <message>
        <source>Day high</source>
        <translation>当日最高</translation>
    </message>
    <message>
        <source>Day low</source>
        <translation>当日最低</translation>
    </message>
    <message>
        <source>Day open</source>
        <translation>当日开盘</translation>
    </message>
    <message>
        <source>dVWAP</source>
        <translation>当日VWAP</translation>
    </message>
    <message>
        <source>dVWAP %1%2σ</source>
        <translation>当日VWAP %1%2σ</translation>
    </message>
    <message>
        <source>dPOC</source>
        <translation>当日POC</translation>
    </message>
    <message>
        <source>dVAH</source>
        <translation>当日VAH</translation>
    </message>
    <message>
        <source>dVAL</source>
        <translation>当日VAL</translation>
    </message>
    <message>
        <source>pdVWAP</source>
        <translation>前日VWAP</translation>
    </message>
    <message>
        <source>pdPOC</source>
        <translation>前日POC</translation>
    </message>
    <message>
        <source>pdVAH</source>
        <translation>前日VAH</translation>
    </message>
    <message>
        <source>pdVAL</source>
        <translation>前日VAL</translation>
    </message>
    <message>
        <source>pdHigh</source>
        <translation>前日最高</translation>
    </message>
    <message>
        <source>pdLow</source>
        <translation>前日最低</translation>
    </message>
    <message>
        <source>pdClose</source>
        <translation>前日收盘</translation>
    </message>
    <message>
        <source>%1 high</source>
        <translation>%1最高</translation>
    </message>
    <message>
        <source>%1 low</source>
        <translation>%1最低</translation>
    </message>
    <message>
        <source>%1 VWAP</source>
        <translation>%1 VWAP</translation>
    </message>
    <message>
        <source>Naked POC %1</source>
        <translation>裸POC %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 · last %3 · volume %4 · delta %5 · CVD %6 · %n trade(s)</source>
        <translation>
            <numerusform>%1 %2 · 最新价 %3 · 成交量 %4 · Delta %5 · CVD %6 · %n 笔成交</numerusform>
        </translation>
    </message>
    <message>
        <source>Source %1 (%2) · coverage %3 % · tick %4 from %5</source>
        <translation>数据来源 %1（%2）· 覆盖率 %3 % · 最小价位 %4，取自 %5</translation>
    </message>
    <message>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>not live</source>
        <translation>非实时</translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) in the trades</source>
        <translation>
            <numerusform>成交数据中有 %n 处缺口</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>co::LiquidationModel</name>
    <message>
        <source>Long liquidated</source>
        <translation>多单爆仓</translation>
    </message>
    <message>
        <source>Short liquidated</source>
        <translation>空单爆仓</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Notional (USDT)</source>
        <translation>名义价值（USDT）</translation>
    </message>
</context>
<context>
    <name>co::LiquidationTable</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Longs liquidated</source>
        <translation>多单爆仓</translation>
    </message>
    <message>
        <source>Shorts liquidated</source>
        <translation>空单爆仓</translation>
    </message>
    <message>
        <source>min </source>
        <translation>最低 </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message numerus="yes">
        <source>Shown: %n order(s) · longs %1 · shorts %2 USDT</source>
        <translation>
            <numerusform>当前显示：%n 笔 · 多单 %1 · 空单 %2 USDT</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>24 h: %n order(s) · longs %1 · shorts %2 USDT (lower bounds: one order per second is pushed)</source>
        <translation>
            <numerusform>24 小时：%n 笔 · 多单 %1 · 空单 %2 USDT（为下限值：交易所每秒最多推送一笔）</numerusform>
        </translation>
    </message>
    <message>
        <source>No liquidations in this data yet.</source>
        <translation>当前数据中暂无爆仓记录。</translation>
    </message>
</context>
<context>
    <name>co::MainWindow</name>
    <message>
        <source>Price, VWAP and levels</source>
        <translation>价格、VWAP 与关键价位</translation>
    </message>
    <message>
        <source>CVD</source>
        <translation>CVD</translation>
    </message>
    <message>
        <source>Depth delta</source>
        <translation>深度差</translation>
    </message>
    <message>
        <source>Open interest and funding</source>
        <translation>持仓量与资金费率</translation>
    </message>
    <message>
        <source>Liquidations</source>
        <translation>爆仓</translation>
    </message>
    <message>
        <source>Volume profile</source>
        <translation>成交量分布</translation>
    </message>
    <message>
        <source>Key levels</source>
        <translation>关键价位</translation>
    </message>
    <message>
        <source>Liquidity heatmap</source>
        <translation>流动性热力图</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>已复制 %1</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Price rows merged: multiples of the tick size</source>
        <translation>合并价格行：最小价位的倍数</translation>
    </message>
    <message>
        <source>Bid × Ask</source>
        <translation>主卖 × 主买</translation>
    </message>
    <message>
        <source>Delta</source>
        <translation>Delta</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>成交量</translation>
    </message>
    <message>
        <source> Symbol </source>
        <translation> 交易对 </translation>
    </message>
    <message>
        <source>  Timeframe </source>
        <translation>  周期 </translation>
    </message>
    <message>
        <source>  Rows </source>
        <translation>  价格行 </translation>
    </message>
    <message>
        <source>  Footprint </source>
        <translation>  足迹图 </translation>
    </message>
    <message>
        <source>Follow latest</source>
        <translation>跟随最新</translation>
    </message>
    <message>
        <source>Scroll back to the newest bar (Home)</source>
        <translation>回到最新的K线（Home 键）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About Crypto Orderflow</source>
        <translation>关于 Crypto Orderflow</translation>
    </message>
    <message>
        <source>&lt;b&gt;Crypto Orderflow %1&lt;/b&gt;&lt;p&gt;Order-flow analytics for Binance USD-M perpetual futures: footprint, delta and CVD, volume profile, VWAP, sessions, depth, funding, open interest and liquidations.&lt;/p&gt;&lt;p&gt;MCP server: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Crypto Orderflow %1&lt;/b&gt;&lt;p&gt;币安 U 本位永续合约订单流分析：足迹图、Delta 与 CVD、成交量分布、VWAP、交易时段、订单簿深度、资金费率、持仓量与爆仓。&lt;/p&gt;&lt;p&gt;MCP 服务器：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Import archive…</source>
        <translation>导入历史数据(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Alerts…</source>
        <translation>告警(&amp;A)…</translation>
    </message>
    <message>
        <source>S&amp;ymbols…</source>
        <translation>交易对(&amp;Y)…</translation>
    </message>
    <message>
        <source>&amp;Record session</source>
        <translation>录制会话(&amp;R)</translation>
    </message>
    <message>
        <source>Write what the engines consume to the recording folder (--replay reads it)</source>
        <translation>把引擎处理的数据写入录制目录（--replay 可读取）</translation>
    </message>
</context>
<context>
    <name>co::ProfileView</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Prior day</source>
        <translation>前一日</translation>
    </message>
    <message>
        <source>%1 session</source>
        <translation>%1时段</translation>
    </message>
    <message>
        <source>No trades in this profile yet</source>
        <translation>该分布中暂无成交</translation>
    </message>
    <message>
        <source>VAH</source>
        <translation>VAH</translation>
    </message>
    <message>
        <source>VAL</source>
        <translation>VAL</translation>
    </message>
    <message>
        <source>POC</source>
        <translation>POC</translation>
    </message>
    <message>
        <source>%1 · rows %2 · volume %3 · value area %4</source>
        <translation>%1 · 行距 %2 · 成交量 %3 · 价值区 %4</translation>
    </message>
</context>
<context>
    <name>co::SettingsDialog</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Trade cache on disk:</source>
        <translation>成交缓存占用：</translation>
    </message>
    <message>
        <source>no trade cache open</source>
        <translation>未打开成交缓存</translation>
    </message>
    <message>
        <source>%1 on disk, days held: %2</source>
        <translation>磁盘占用 %1，保存天数：%2</translation>
    </message>
    <message>
        <source>Set on the command line: a saved value is used only when it is not given there.</source>
        <translation>已在命令行中指定：仅当命令行未指定时才使用此处保存的值。</translation>
    </message>
    <message>
        <source>Set in the environment: a saved value is used only when that variable is unset.</source>
        <translation>已由环境变量指定：仅当该环境变量未设置时才使用此处保存的值。</translation>
    </message>
    <message>
        <source>Set in the .env file: a saved value is used only when it is not given there.</source>
        <translation>已在 .env 文件中指定：仅当 .env 未指定时才使用此处保存的值。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>default location</source>
        <translation>默认位置</translation>
    </message>
    <message>
        <source>Applies after a restart.</source>
        <translation>重启后生效。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>Closing the window keeps running in the tray</source>
        <translation>关闭窗口后继续在系统托盘中运行</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Applies at once: the server restarts on it.</source>
        <translation>立即生效：服务器随之重启。</translation>
    </message>
    <message>
        <source>Applies at once, to the charts and the server.</source>
        <translation>立即生效，图表与服务器同时应用。</translation>
    </message>
    <message>
        <source>Applies at once.</source>
        <translation>立即生效。</translation>
    </message>
</context>
<context>
    <name>co::StatusPanel</name>
    <message>
        <source>Click to copy the MCP server URL (for Cherry Studio and other MCP clients)</source>
        <translation>点击复制 MCP 服务器地址（用于 Cherry Studio 等 MCP 客户端）</translation>
    </message>
    <message>
        <source>MCP server off</source>
        <translation>MCP 服务器已关闭</translation>
    </message>
    <message>
        <source>MCP %1</source>
        <translation>MCP %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>lag %1 ms</source>
        <translation>延迟 %1 毫秒</translation>
    </message>
    <message>
        <source>%1 · data time %2 UTC</source>
        <translation>%1 · 数据时间 %2 UTC</translation>
    </message>
    <message>
        <source>REST weight %1 / %2</source>
        <translation>REST 权重 %1 / %2</translation>
    </message>
    <message>
        <source>REST weight %1</source>
        <translation>REST 权重 %1</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>backfilling</source>
        <translation>补数据中</translation>
    </message>
    <message>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>restoring</source>
        <translation>恢复中</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>archive</source>
        <translation>历史存档</translation>
    </message>
    <message>
        <source>cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>binance-usdm</source>
        <translation>币安U本位</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>co::TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>co::TrayIcon</name>
    <message>
        <source>Crypto Orderflow alert</source>
        <translation>Crypto Orderflow 告警</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <source>MCP server running</source>
        <translation>MCP 服务器运行中</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Hide window</source>
        <translation>隐藏窗口</translation>
    </message>
</context>
<context>
    <name>co::AlertsDialog</name>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>交易对</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Watches</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间 (UTC)</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Price crosses a level</source>
        <translation>价格穿越关键位</translation>
    </message>
    <message>
        <source>Stacked imbalance</source>
        <translation>堆叠失衡</translation>
    </message>
    <message>
        <source>Liquidations</source>
        <translation>强平</translation>
    </message>
    <message>
        <source>Delta/CVD divergence</source>
        <translation>Delta/CVD 背离</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>关键位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Timeframe</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>USDT</source>
        <translation>USDT</translation>
    </message>
    <message>
        <source>Within (s)</source>
        <translation>时间窗 (秒)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>fired</source>
        <translation>已触发</translation>
    </message>
</context>
<context>
    <name>co::SymbolPickerDialog</name>
    <message>
        <source>Symbols</source>
        <translation>交易对</translation>
    </message>
    <message>
        <source>Search, e.g. SOL</source>
        <translation>搜索，例如 SOL</translation>
    </message>
    <message>
        <source>★</source>
        <translation>★</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>交易对</translation>
    </message>
    <message>
        <source>24 h volume (USDT)</source>
        <translation>24 小时成交额（USDT）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟踪</translation>
    </message>
    <message>
        <source>Favourite: listed first</source>
        <translation>收藏：排在最前</translation>
    </message>
    <message>
        <source>followed</source>
        <translation>跟踪中</translation>
    </message>
    <message>
        <source>%1: today's backfill %2%</source>
        <translation>%1：今日补齐 %2%</translation>
    </message>
    <message>
        <source>%1: today's backfill %2%, about %3 s left</source>
        <translation>%1：今日补齐 %2%，约剩 %3 秒</translation>
    </message>
    <message>
        <source>%1 is not a trading perpetual</source>
        <translation>%1 不是交易中的永续合约</translation>
    </message>
    <message>
        <source>%1: live, today complete</source>
        <translation>%1：实时，今日数据完整</translation>
    </message>
</context>
</TS>
