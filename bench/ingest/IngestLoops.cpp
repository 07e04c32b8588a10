#include "IngestLoops.h"

#include "binance/FrameDecoder.h"
#include "engine/EngineRegistry.h"
#include "model/Symbol.h"
#include "pipeline/MarketFeed.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QString>

#include <simdjson.h>

#include <ctime>

namespace bench_ingest {

namespace od = simdjson::ondemand;

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

volatile uint64_t g_sink = 0; // keeps the baselines' reads alive

PipelineRun runPipeline(const FrameSet &fs)
{
    co::EngineRegistry registry; // default indicator settings (UTC days and sessions)
    co::MarketFeed feed(registry);
    co::SymbolInfo info;
    info.name = "BTCUSDT";
    info.tickSize = 10'000'000; // 0.1
    info.stepSize = 100'000;    // 0.001
    info.tickSource = co::TickSource::ExchangeInfo;
    info.status = "TRADING";
    info.contractType = "PERPETUAL";
    info.quoteAsset = "USDT";
    feed.setSymbolInfo(info);
    feed.setSource(true, "bench");
    co::MarketEngine *engine = feed.engineFor("BTCUSDT"); // created up front, as after the first frame
    co::FrameDecoder decoder;
    co::MarketEvent ev;
    PipelineRun out;

    const auto every = std::chrono::milliseconds(100);
    const std::vector<std::string> &frames = fs.frames;
    const size_t n = frames.size();
    Timer t;
    Clock::time_point nextPublish = t.w0 + every;
    for (size_t i = 0; i < n; ++i) {
        const std::string &f = frames[i];
        if (decoder.decode(f, f.capacity(), ev) == co::DecodeResult::Event) [[likely]]
            feed.apply(ev);
        else
            ++out.notEvent;
        if ((i & 255) == 0) [[unlikely]] { // the clock is read every 256 events, as app/EngineThread does
            const Clock::time_point now = Clock::now();
            if (now >= nextPublish) {
                registry.publishAll();
                ++out.publishes;
                nextPublish = now + every;
            }
        }
    }
    t.stop();
    out.wall = t.wall;
    out.cpu = t.cpu;

    registry.publishAll();
    const co::SnapshotPtr snap = registry.snapshot("BTCUSDT");
    out.decoded = decoder.stats().decoded;
    out.lastError = decoder.stats().lastError;
    out.applied = engine->tradesApplied();
    if (snap && snap->today) {
        const co::DayTotals &tt = snap->today->totals;
        out.trades = tt.trades;
        out.buy = tt.buy;
        out.sell = tt.sell;
        out.bars1m = snap->today->barsOf(co::Timeframe::M1).size();
        out.profileRows = snap->today->profile ? snap->today->profile->size() : 0;
    }
    if (snap) {
        out.duplicates = snap->quality.duplicates;
        out.offGrid = snap->quality.offGridTrades;
        out.gaps = snap->quality.gaps.size() + size_t(snap->quality.gapsOmitted);
    }
    return out;
}

// Raw bytes of a JSON string up to its closing quote (what a decoder that skips unescaping reads).
inline std::string_view rawString(const char *p)
{
    size_t n = 0;
    while (p[n] != '"')
        ++n;
    return {p, n};
}

// (a) Bare simdjson on-demand: iterate the payload's fields once and read e, E, s, t|a, p, q, T, m
// as string_view / int64 / bool. `raw` = strings as raw bytes (no unescape copy), like the decoder.
template <bool raw>
BaselineRun runSimdjson(const FrameSet &fs)
{
    const char idKey = fs.variant == Variant::AggTrade ? 'a' : 't';
    od::parser parser;
    BaselineRun out;
    uint64_t sum = 0;
    Timer t;
    for (const std::string &f : fs.frames) {
        const simdjson::padded_string_view in(f.data(), f.size(), f.capacity());
        od::document doc;
        if (parser.iterate(in).get(doc))
            continue;
        od::object data;
        if (doc.find_field("data").get_object().get(data))
            continue;
        std::string_view e, s, p, q;
        int64_t E = 0, id = 0, T = 0;
        bool m = false;
        unsigned seen = 0;
        auto str = [](od::value &v, std::string_view &sv) {
            if constexpr (raw) {
                od::raw_json_string r;
                if (v.get_raw_json_string().get(r))
                    return false;
                sv = rawString(r.raw());
                return true;
            } else {
                return v.get_string().get(sv) == simdjson::SUCCESS;
            }
        };
        bool ok = true;
        for (auto fr : data) {
            od::field fld;
            if (std::move(fr).get(fld)) {
                ok = false;
                break;
            }
            const char *k = fld.key().raw();
            if (k[0] == '"' || k[1] != '"')
                continue; // only one-character keys are read
            od::value v = fld.value();
            const char c = k[0];
            if (c == 'e') {
                ok = str(v, e), seen |= 1;
            } else if (c == 'E') {
                ok = v.get_int64().get(E) == simdjson::SUCCESS, seen |= 2;
            } else if (c == 's') {
                ok = str(v, s), seen |= 4;
            } else if (c == idKey) {
                ok = v.get_int64().get(id) == simdjson::SUCCESS, seen |= 8;
            } else if (c == 'p') {
                ok = str(v, p), seen |= 16;
            } else if (c == 'q') {
                ok = str(v, q), seen |= 32;
            } else if (c == 'T') {
                ok = v.get_int64().get(T) == simdjson::SUCCESS, seen |= 64;
            } else if (c == 'm') {
                ok = v.get_bool().get(m) == simdjson::SUCCESS, seen |= 128;
            }
            if (!ok)
                break;
        }
        if (ok && seen == 255)
            ++out.complete;
        sum += uint64_t(E + id + T) + m + e.size() + s.size() + p.size() + q.size() + uint8_t(p.back()) +
               uint8_t(q.back());
    }
    t.stop();
    g_sink = g_sink + sum;
    out.wall = t.wall;
    out.cpu = t.cpu;
    return out;
}

// (b) QJsonDocument::fromJson, then the same fields from the "data" object.
BaselineRun runQt(const FrameSet &fs)
{
    const QString kData = QStringLiteral("data"), ke = QStringLiteral("e"), kE = QStringLiteral("E"),
                  ks = QStringLiteral("s"), kId = fs.variant == Variant::AggTrade ? QStringLiteral("a")
                                                                                   : QStringLiteral("t"),
                  kp = QStringLiteral("p"), kq = QStringLiteral("q"), kT = QStringLiteral("T"),
                  km = QStringLiteral("m");
    BaselineRun out;
    uint64_t sum = 0;
    Timer t;
    for (const std::string &f : fs.frames) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(f.data(), qsizetype(f.size())), &err);
        if (err.error != QJsonParseError::NoError)
            continue;
        const QJsonObject data = doc.object().value(kData).toObject();
        const QJsonValue ve = data.value(ke), vE = data.value(kE), vs = data.value(ks), vid = data.value(kId),
                         vp = data.value(kp), vq = data.value(kq), vT = data.value(kT), vm = data.value(km);
        const QString e = ve.toString(), s = vs.toString(), p = vp.toString(), q = vq.toString();
        const qint64 E = vE.toInteger(), id = vid.toInteger(), T = vT.toInteger();
        const bool m = vm.toBool();
        if (ve.isString() && vE.isDouble() && vs.isString() && vid.isDouble() && vp.isString() && vq.isString() &&
            vT.isDouble() && vm.isBool())
            ++out.complete;
        sum += uint64_t(E + id + T) + m + uint64_t(e.size() + s.size() + p.size() + q.size());
    }
    t.stop();
    g_sink = g_sink + sum;
    out.wall = t.wall;
    out.cpu = t.cpu;
    return out;
}

template BaselineRun runSimdjson<true>(const FrameSet &fs);
template BaselineRun runSimdjson<false>(const FrameSet &fs);

} // namespace bench_ingest
