#include "binance/SessionRecorder.h"

#include "binance/Log.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

#include <zlib.h>

namespace co {
namespace {

std::string num(int64_t v) { return std::to_string(v); }
std::string dec(int64_t v) { return '"' + formatFixed(v) + '"'; }

std::string levels(const std::vector<PriceLevel> &v)
{
    std::string out = "[";
    for (const PriceLevel &l : v) {
        if (out.size() > 1)
            out += ',';
        out += '[' + dec(l.price) + ',' + dec(l.qty) + ']';
    }
    return out + ']';
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string envelope(const std::string &stream, const std::string &data)
{
    return "{\"stream\":\"" + stream + "\",\"data\":" + data + '}';
}

} // namespace

SessionRecorder::SessionRecorder(Options options) : options_(std::move(options))
{
    if (!QDir().mkpath(options_.dir))
        error_ = "cannot create " + options_.dir;
}

SessionRecorder::~SessionRecorder() { close(); }

QString SessionRecorder::fileName(const std::string &symbol, int64_t localMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(localMs, Qt::UTC);
    return QString::fromStdString(symbol) + '-' + t.toString("yyyyMMdd-HH") + ".gz";
}

std::string SessionRecorder::frameOf(const MarketEvent &e)
{
    const std::string S(e.symbol.view());
    const std::string s = lower(S);
    if (const auto *t = std::get_if<Trade>(&e.payload)) {
        if (t->source != TradeSource::AggTrade)
            return {};
        return envelope(s + "@aggTrade", "{\"e\":\"aggTrade\",\"E\":" + num(t->timeMs) + ",\"s\":\"" + S + "\",\"a\":" +
                                             num(t->id) + ",\"p\":" + dec(t->price) + ",\"q\":" + dec(t->qty) +
                                             ",\"f\":0,\"l\":0,\"T\":" + num(t->timeMs) +
                                             ",\"m\":" + (t->buyerMaker ? "true" : "false") + '}');
    }
    if (const auto *d = std::get_if<DepthUpdate>(&e.payload)) {
        if (d->partial)
            return {};
        return envelope(s + "@depth@100ms", "{\"e\":\"depthUpdate\",\"E\":" + num(d->eventMs) + ",\"T\":" + num(d->txMs) +
                                                ",\"s\":\"" + S + "\",\"U\":" + num(d->firstId) + ",\"u\":" +
                                                num(d->lastId) + ",\"pu\":" + num(d->prevLastId) + ",\"b\":" +
                                                levels(d->bids) + ",\"a\":" + levels(d->asks) + '}');
    }
    if (const auto *b = std::get_if<DepthSnapshot>(&e.payload)) // a REST answer: the url names the symbol
        return "/fapi/v1/depth?symbol=" + S + " -> {\"lastUpdateId\":" + num(b->lastUpdateId) + ",\"E\":" +
               num(b->eventMs) + ",\"T\":" + num(b->txMs) + ",\"bids\":" + levels(b->bids) + ",\"asks\":" +
               levels(b->asks) + '}';
    if (const auto *m = std::get_if<MarkPrice>(&e.payload))
        return envelope(s + "@markPrice@1s", "{\"e\":\"markPriceUpdate\",\"E\":" + num(m->eventMs) + ",\"s\":\"" + S +
                                                 "\",\"p\":" + dec(m->markPrice) + ",\"i\":" + dec(m->indexPrice) +
                                                 ",\"P\":" + dec(m->settlePrice) + ",\"r\":" + dec(m->fundingRate) +
                                                 ",\"T\":" + num(m->nextFundingMs) + '}');
    if (const auto *o = std::get_if<OpenInterest>(&e.payload)) // REST answers too: the url names the symbol
        return o->valueUsdt ? "/futures/data/openInterestHist?symbol=" + S + " -> {\"symbol\":\"" + S +
                                  "\",\"sumOpenInterest\":" + dec(o->openInterest) +
                                  ",\"sumOpenInterestValue\":" + dec(o->valueUsdt) + ",\"timestamp\":" + num(o->timeMs) + '}'
                            : "/fapi/v1/openInterest?symbol=" + S + " -> {\"openInterest\":" + dec(o->openInterest) +
                                  ",\"symbol\":\"" + S + "\",\"time\":" + num(o->timeMs) + '}';
    if (const auto *l = std::get_if<Liquidation>(&e.payload))
        return envelope(s + "@forceOrder",
                        "{\"e\":\"forceOrder\",\"E\":" + num(l->eventMs) + ",\"o\":{\"s\":\"" + S + "\",\"S\":\"" +
                            (l->side == Side::Buy ? "BUY" : "SELL") +
                            "\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":" + dec(l->origQty) + ",\"p\":" + dec(l->price) +
                            ",\"ap\":" + dec(l->avgPrice) + ",\"X\":\"FILLED\",\"l\":" + dec(l->lastFilledQty) +
                            ",\"z\":" + dec(l->filledQty) + ",\"T\":" + num(l->tradeMs) + "}}");
    return {};
}

SessionRecorder::File *SessionRecorder::fileFor(const std::string &symbol, int64_t localMs)
{
    const int64_t hour = floorDiv(localMs, kMsPerHour);
    File &f = open_[symbol];
    if (f.gz && f.hour == hour)
        return &f;
    if (f.gz)
        gzclose(gzFile(f.gz));
    f.gz = nullptr;
    f.hour = hour;
    f.path = QDir(options_.dir).filePath(fileName(symbol, localMs));
    // Appending a gzip member to an hour's file (a restart) keeps it one readable stream.
    f.gz = gzopen(QFile::encodeName(f.path).constData(), "ab6");
    if (!f.gz) {
        error_ = "cannot write " + f.path;
        qCWarning(lcBinance).noquote() << "recording:" << error_;
        return nullptr;
    }
    lastCheckMs_ = INT64_MIN / 2; // a new file: measure the folder now
    return &f;
}

void SessionRecorder::write(const std::vector<MarketEvent> &events)
{
    int64_t latest = 0;
    for (const MarketEvent &e : events) {
        const std::string frame = frameOf(e);
        if (frame.empty())
            continue;
        File *f = fileFor(std::string(e.symbol.view()), e.localMs);
        if (!f)
            continue;
        const std::string line = std::to_string(e.localMs * 1'000'000) + ' ' + frame + '\n';
        gzwrite(gzFile(f->gz), line.data(), unsigned(line.size()));
        ++lines_;
        latest = std::max(latest, e.localMs);
    }
    if (latest - lastFlushMs_ >= options_.flushEveryMs) {
        for (auto &[name, f] : open_)
            if (f.gz)
                gzflush(gzFile(f.gz), Z_SYNC_FLUSH);
        lastFlushMs_ = latest;
    }
    if (latest - lastCheckMs_ >= options_.checkEveryMs) {
        lastCheckMs_ = latest;
        enforceLimit();
    }
}

void SessionRecorder::enforceLimit()
{
    QFileInfoList files = QDir(options_.dir).entryInfoList({"*.gz"}, QDir::Files);
    // Oldest first: by time written, then by the hour in the name (files closed in one second).
    std::sort(files.begin(), files.end(), [](const QFileInfo &x, const QFileInfo &y) {
        const QString hx = x.fileName().section('-', 1), hy = y.fileName().section('-', 1);
        return std::pair(x.lastModified(), hx) < std::pair(y.lastModified(), hy);
    });
    int64_t total = 0;
    for (const QFileInfo &fi : files)
        total += fi.size();
    for (const QFileInfo &fi : files) { // oldest first; never a file being written
        if (options_.maxBytes <= 0 || total <= options_.maxBytes)
            break;
        const bool open = std::any_of(open_.begin(), open_.end(),
                                      [&fi](const auto &kv) { return kv.second.gz && kv.second.path == fi.filePath(); });
        if (open || !QFile::remove(fi.filePath()))
            continue;
        total -= fi.size();
        ++deletedFiles_;
        qCInfo(lcBinance).noquote() << "recording: removed" << fi.fileName() << "to stay under RECORD_MAX_GB";
    }
    bytesOnDisk_ = total;
    filesOnDisk_ = int64_t(QDir(options_.dir).entryList({"*.gz"}, QDir::Files).size());
}

void SessionRecorder::close()
{
    enforceLimit(); // while the newest files are still open: they are never removed
    for (auto &[name, f] : open_)
        if (f.gz) {
            gzclose(gzFile(f.gz));
            f.gz = nullptr;
        }
    int64_t total = 0;
    const QFileInfoList files = QDir(options_.dir).entryInfoList({"*.gz"}, QDir::Files);
    for (const QFileInfo &fi : files)
        total += fi.size();
    bytesOnDisk_ = total;
    filesOnDisk_ = int64_t(files.size());
}

RecordingStatus SessionRecorder::status() const
{
    return {options_.dir.toStdString(), bytesOnDisk_, filesOnDisk_, options_.maxBytes, deletedFiles_, lines_,
            error_.toStdString()};
}

} // namespace co
