// The REST half of the fake: a minimal HTTP/1.1 server (keep-alive, GET only) with the fapi
// endpoints the client uses, its own weight table, and the REST faults.
#include "support/FakeBinance.h"

#include "model/Fixed.h"
#include "model/Time.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

namespace co::test {
namespace {

std::string num(int64_t v) { return std::to_string(v); }
std::string dec(int64_t v) { return formatFixed(v); }

QByteArray error(int64_t code, const std::string &msg)
{
    return QByteArray::fromStdString("{\"code\":" + num(code) + ",\"msg\":\"" + msg + "\"}");
}

const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 418: return "I'm a teapot";
    case 429: return "Too Many Requests";
    default: return "Error";
    }
}

// The fake's own copy of the documented weights (binance.md §2), kept apart from the client's.
int documentedWeight(const QString &path, const QUrlQuery &q)
{
    const bool symbol = q.hasQueryItem("symbol");
    if (path == "/fapi/v1/depth") {
        const int limit = q.hasQueryItem("limit") ? q.queryItemValue("limit").toInt() : 500;
        return limit <= 50 ? 2 : limit == 100 ? 5 : limit == 500 ? 10 : 20;
    }
    if (path == "/fapi/v1/aggTrades")
        return 20;
    if (path == "/fapi/v1/premiumIndex")
        return symbol ? 1 : 10;
    if (path == "/fapi/v1/ticker/24hr")
        return symbol ? 1 : 40;
    if (path == "/futures/data/openInterestHist")
        return 0;
    return 1;
}
} // namespace

void FakeBinance::onHttpConnection()
{
    while (QTcpSocket *s = http_->nextPendingConnection()) {
        httpBuffers_[s];
        connect(s, &QTcpSocket::readyRead, this, [this, s] { onHttpData(s); });
        connect(s, &QTcpSocket::disconnected, this, [this, s] {
            httpBuffers_.erase(s);
            s->deleteLater();
        });
    }
}

void FakeBinance::onHttpData(QTcpSocket *s)
{
    QByteArray &buf = httpBuffers_[s];
    buf += s->readAll();
    for (qsizetype end; (end = buf.indexOf("\r\n\r\n")) >= 0;) {
        const QByteArray head = buf.left(end);
        buf.remove(0, end + 4);
        const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
        const QString target = requestLine.size() >= 2 ? QString::fromLatin1(requestLine[1]) : QString("/");
        ++received_;
        maxOpen_ = std::max(maxOpen_, ++open_);
        if (faults_.restDelayMs > 0)
            QTimer::singleShot(faults_.restDelayMs, s, [this, s, target] { answer(s, target); });
        else
            answer(s, target);
    }
}

void FakeBinance::answer(QTcpSocket *s, const QString &target)
{
    QUrl url(target);
    if (url.isRelative()) // origin-form "/path?query"; a proxy forwards the absolute form
        url = QUrl("http://127.0.0.1" + target);
    const QString path = url.path();
    const QUrlQuery q(url);
    const int64_t now = clock_.nowMs();
    const int64_t minute = floorDiv(now, kMsPerMinute);
    int &used = weightByMinute_[minute];
    used = std::max(used, faults_.externalWeight);

    QByteArray body;
    int weight = 0, status = 200;
    QByteArray extra;
    if (faults_.rest418 > 0) {
        --faults_.rest418;
        status = 418;
        body = error(-1003, "Way too many requests; IP(127.0.0.1) banned until " + num(now + faults_.banMs) +
                                ". Please use the websocket for live updates to avoid bans.");
    } else if (faults_.rest429 > 0) {
        --faults_.rest429;
        status = 429;
        body = error(-1003, "Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute.");
    } else {
        weight = documentedWeight(path, q);
        if (used + weight > faults_.weightLimit) {
            status = 429; // what the real host does when the limit is broken
            body = error(-1003, "Too many requests.");
        } else {
            used += weight;
            status = route(path, q, body);
        }
    }
    if ((status == 429 || status == 418) && faults_.retryAfterSec >= 0)
        extra += "Retry-After: " + QByteArray::number(faults_.retryAfterSec) + "\r\n";
    hits_.push_back({now, path, q, weight, status});
    open_ = std::max(0, open_ - 1);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) +
                     "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                     "\r\nx-mbx-used-weight-1m: " + QByteArray::number(used) + "\r\n" + extra + "\r\n" + body;
    s->write(out);
}

FakeBinance::Sym *FakeBinance::findSymbol(const QString &name)
{
    for (Sym &s : syms_)
        if (QString::fromStdString(s.data.symbol) == name)
            return &s;
    return nullptr;
}

int FakeBinance::route(const QString &path, const QUrlQuery &q, QByteArray &body)
{
    const int64_t now = exchangeNowMs();
    if (path == "/fapi/v1/time") {
        body = QByteArray::fromStdString("{\"serverTime\":" + num(now) + "}");
        return 200;
    }
    if (path == "/fapi/v1/exchangeInfo") {
        body = exchangeInfoJson();
        return 200;
    }
    const bool fundingPath = path == "/fapi/v1/fundingRate" || path == "/fapi/v1/fundingInfo";
    if (fundingPath && faults_.malformedFunding > 0) {
        --faults_.malformedFunding;
        body = "[{\"symbol\":\"BTCUSDT\",\"fundingRate\":";
        return 200;
    }
    if (path == "/fapi/v1/fundingInfo") {
        body = fundingInfoJson();
        return 200;
    }
    const bool histPath = path == "/futures/data/openInterestHist";
    const bool known = path == "/fapi/v1/depth" || path == "/fapi/v1/aggTrades" || path == "/fapi/v1/premiumIndex" ||
                       path == "/fapi/v1/openInterest" || path == "/fapi/v1/ticker/24hr" || histPath || fundingPath;
    if (!known) {
        body = error(-5000, "Path " + path.toStdString() + ", Method GET is invalid");
        return 404;
    }
    if (path == "/fapi/v1/ticker/24hr" && !q.hasQueryItem("symbol")) { // every symbol (weight 40)
        QByteArray all = "[";
        for (const Sym &each : syms_)
            all += (all.size() > 1 ? "," : "") + tickerJson(each, now);
        body = all + "]";
        return 200;
    }
    Sym *s = findSymbol(q.queryItemValue("symbol"));
    if (!s) {
        if (histPath) { // unknown symbol: empty list (binance.md §2)
            body = "[]";
            return 200;
        }
        body = error(-1121, "Invalid symbol.");
        return 400;
    }
    const std::string &S = s->data.symbol;
    if (path == "/fapi/v1/depth") {
        const int limit = q.hasQueryItem("limit") ? q.queryItemValue("limit").toInt() : 500;
        if (limit != 5 && limit != 10 && limit != 20 && limit != 50 && limit != 100 && limit != 500 && limit != 1000) {
            body = error(-4021, "Invalid depth limit.");
            return 400;
        }
        body = depthJson(*s, limit);
        return 200;
    }
    if (path == "/fapi/v1/fundingRate") {
        int status = 200;
        body = fundingRateJson(*s, q, status);
        return status;
    }
    if (path == "/fapi/v1/aggTrades") {
        int status = 200;
        body = aggTradesJson(*s, q, status);
        return status;
    }
    const std::string mark = dec(s->markPrice);
    if (path == "/fapi/v1/premiumIndex") {
        body = QByteArray::fromStdString(
            "{\"symbol\":\"" + S + "\",\"markPrice\":\"" + mark + "\",\"indexPrice\":\"" + mark +
            "\",\"estimatedSettlePrice\":\"" + mark + "\",\"lastFundingRate\":\"0.00010000\",\"interestRate\":\"0.00010000\","
            "\"nextFundingTime\":" + num((now / 28'800'000 + 1) * 28'800'000) + ",\"time\":" + num(now) + "}");
        return 200;
    }
    if (path == "/fapi/v1/openInterest") {
        body = QByteArray::fromStdString("{\"openInterest\":\"10659.509\",\"symbol\":\"" + S + "\",\"time\":" + num(now) + "}");
        return 200;
    }
    if (path == "/fapi/v1/ticker/24hr") {
        body = tickerJson(*s, now);
        return 200;
    }
    // openInterestHist: 5-minute rows of the last 30 days; the latest `limit` of the range.
    constexpr int64_t period = 5 * kMsPerMinute;
    const int limit = std::clamp(q.hasQueryItem("limit") ? q.queryItemValue("limit").toInt() : 30, 1, 500);
    const int64_t oldest = now - 30 * kMsPerDay;
    int64_t start = q.hasQueryItem("startTime") ? q.queryItemValue("startTime").toLongLong() : oldest;
    if (start < oldest) {
        body = error(-1130, "Invalid data sent for a parameter.");
        return 400;
    }
    const int64_t end = q.hasQueryItem("endTime") ? q.queryItemValue("endTime").toLongLong() : now;
    int64_t last = floorDiv(std::min(end, now), period) * period;
    int64_t first = std::max(floorDiv(start + period - 1, period) * period, last - (limit - 1) * period);
    std::string rows = "[";
    for (int64_t t = first; t <= last; t += period) {
        const int64_t oi = 80'000 * kFixedOne + floorMod(t / period, 1000) * kFixedOne;
        if (rows.size() > 1)
            rows += ',';
        rows += "{\"symbol\":\"" + S + "\",\"sumOpenInterest\":\"" + dec(oi) + "\",\"sumOpenInterestValue\":\"" +
                dec(oi / kFixedOne * 50'000 * kFixedOne) + "\",\"CMCCirculatingSupply\":\"165880.538\",\"timestamp\":" +
                num(t) + "}";
    }
    body = QByteArray::fromStdString(rows + "]");
    return 200;
}

QByteArray FakeBinance::depthJson(Sym &s, int limit)
{
    OrderBook book = s.book;
    for (size_t i = s.diffHead; i < s.data.diffs.size() && i < s.diffHead + size_t(faults_.snapshotLead); ++i)
        book.apply(s.data.diffs[i]);
    std::string b, a;
    int n = 0;
    for (const auto &[p, q] : book.bids()) {
        if (n++ >= limit)
            break;
        b += (b.empty() ? "[\"" : ",[\"") + dec(p) + "\",\"" + dec(q) + "\"]";
    }
    n = 0;
    for (const auto &[p, q] : book.asks()) {
        if (n++ >= limit)
            break;
        a += (a.empty() ? "[\"" : ",[\"") + dec(p) + "\",\"" + dec(q) + "\"]";
    }
    const int64_t now = exchangeNowMs();
    return QByteArray::fromStdString("{\"lastUpdateId\":" + num(book.lastUpdateId()) + ",\"E\":" + num(now) +
                                     ",\"T\":" + num(now - 3) + ",\"bids\":[" + b + "],\"asks\":[" + a + "]}");
}

QByteArray FakeBinance::aggTradesJson(const Sym &s, const QUrlQuery &q, int &status)
{
    const std::vector<Trade> &all = s.data.trades;
    const size_t head = size_t(std::max<int64_t>(0, int64_t(s.tradeHead) - faults_.restLagTrades));
    const int limit = q.hasQueryItem("limit") ? q.queryItemValue("limit").toInt() : 500;
    if (limit < 1 || limit > 1000) {
        status = 400;
        return error(-1130, "Invalid data sent for a parameter.");
    }
    const bool byId = q.hasQueryItem("fromId");
    const bool byTime = q.hasQueryItem("startTime") || q.hasQueryItem("endTime");
    if (byId && byTime) {
        status = 400;
        return error(-1128, "Combination of optional parameters invalid.");
    }
    size_t from = 0, to = head;
    if (byId) {
        const int64_t id = q.queryItemValue("fromId").toLongLong();
        from = all.empty() ? 0 : size_t(std::clamp<int64_t>(id - all.front().id, 0, int64_t(head)));
    } else if (byTime) {
        // Like Binance: a time query covers at most one hour (one bound alone: the hour from/to it).
        const bool hasSt = q.hasQueryItem("startTime"), hasEt = q.hasQueryItem("endTime");
        const int64_t st = hasSt ? q.queryItemValue("startTime").toLongLong() : q.queryItemValue("endTime").toLongLong() - kMsPerHour;
        const int64_t et = hasEt ? q.queryItemValue("endTime").toLongLong() : st + kMsPerHour;
        if (et - st > kMsPerHour || et < st) {
            status = 400;
            return error(-1127, "More than 1 hours between startTime and endTime.");
        }
        auto cmp = [](const Trade &t, int64_t v) { return t.timeMs < v; };
        from = size_t(std::lower_bound(all.begin(), all.begin() + long(head), st, cmp) - all.begin());
        to = size_t(std::upper_bound(all.begin(), all.begin() + long(head), et,
                                     [](int64_t v, const Trade &t) { return v < t.timeMs; }) - all.begin());
    } else {
        from = head > size_t(limit) ? head - size_t(limit) : 0;
    }
    to = std::min(to, from + size_t(limit));
    std::string out = "[";
    for (size_t i = from; i < to; ++i) {
        const Trade &t = all[i];
        if (i > from)
            out += ',';
        out += "{\"a\":" + num(t.id) + ",\"p\":\"" + dec(t.price) + "\",\"q\":\"" + dec(t.qty) + "\",\"nq\":\"" +
               dec(t.qty) + "\",\"f\":" + num(t.id * 3) + ",\"l\":" + num(t.id * 3 + 2) + ",\"T\":" + num(t.timeMs) +
               ",\"m\":" + (t.buyerMaker ? "true" : "false") + "}";
    }
    return QByteArray::fromStdString(out + "]");
}

// ticker/24hr of one symbol, from its released trades of the last 24 h, as Binance counts.
QByteArray FakeBinance::tickerJson(const Sym &sym, int64_t now) const
{
    const Sym *s = &sym;
    const std::string &S = s->data.symbol;
    const std::string mark = dec(s->markPrice);
    int64_t open = 0, high = 0, low = 0, last = 0, volume = 0, count = 0, firstId = 0, lastId = 0;
    __int128 quote = 0;
    for (size_t i = 0; i < s->tradeHead; ++i) {
        const Trade &t = s->data.trades[i];
        if (t.timeMs < now - kMsPerDay || t.timeMs > now)
            continue;
        if (count++ == 0) {
            open = high = low = t.price;
            firstId = t.id;
        }
        high = std::max(high, t.price);
        low = std::min(low, t.price);
        last = t.price;
        lastId = t.id;
        volume += t.qty;
        quote += __int128(t.price) * t.qty / kFixedOne;
    }
    // Binance prints the percent with 3 decimals.
    const int64_t pct = open ? int64_t(__int128(last - open) * 100 * 1000 / open) * (kFixedOne / 1000) : 0;
    return QByteArray::fromStdString(
        "{\"symbol\":\"" + S + "\",\"priceChange\":\"" + dec(last - open) + "\",\"priceChangePercent\":\"" + dec(pct) +
        "\",\"weightedAvgPrice\":\"" + mark + "\",\"lastPrice\":\"" + dec(last) + "\",\"lastQty\":\"0.001\",\"openPrice\":\"" +
        dec(open) + "\",\"highPrice\":\"" + dec(high) + "\",\"lowPrice\":\"" + dec(low) + "\",\"volume\":\"" + dec(volume) +
        "\",\"quoteVolume\":\"" + dec(int64_t(quote)) + "\",\"openTime\":" + num(now - kMsPerDay) + ",\"closeTime\":" +
        num(now) + ",\"firstId\":" + num(firstId) + ",\"lastId\":" + num(lastId) + ",\"count\":" + num(count) + "}");
}

QByteArray FakeBinance::exchangeInfoJson() const
{
    std::string syms;
    for (const Sym &s : syms_) {
        if (!syms.empty())
            syms += ',';
        syms += "{\"symbol\":\"" + s.data.symbol + "\",\"pair\":\"" + s.data.symbol +
                "\",\"contractType\":\"PERPETUAL\",\"status\":\"TRADING\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"USDT\","
                "\"marginAsset\":\"USDT\",\"pricePrecision\":2,\"quantityPrecision\":3,\"filters\":["
                "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.1\",\"maxPrice\":\"4529764\",\"tickSize\":\"" +
                dec(s.data.tickSize) + "\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.001\",\"maxQty\":\"1000\",\"stepSize\":\"" +
                dec(s.data.stepSize) + "\"}]}";
    }
    return QByteArray::fromStdString(
        "{\"timezone\":\"UTC\",\"serverTime\":" + num(exchangeNowMs()) +
        ",\"futuresType\":\"U_MARGINED\",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\","
        "\"intervalNum\":1,\"limit\":2400},{\"rateLimitType\":\"ORDERS\",\"interval\":\"MINUTE\",\"intervalNum\":1,"
        "\"limit\":1200}],\"symbols\":[" + syms + "]}");
}

} // namespace co::test
