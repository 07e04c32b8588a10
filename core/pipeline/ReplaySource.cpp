#include "pipeline/ReplaySource.h"

#include "archive/AggTradeFile.h"
#include "model/Ascii.h"
#include "model/Fixed.h"
#include "pipeline/ChunkPrefetch.h"

#include <zlib.h>

#include <QString>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <thread>

namespace co {

namespace {

constexpr size_t kPadding = 64;          // simdjson::SIMDJSON_PADDING (FrameDecoder.h)
constexpr size_t kChunk = 1024 * 1024;   // read size; lines are parsed where they lie in it
constexpr std::string_view kAggTradesTag = "-aggTrades-";

bool isSpace(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trimmed(std::string_view s) noexcept
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

// Where the JSON starts ('{' or '['), npos if nowhere. A plain scan: the prefix is a few dozen
// bytes, and find_first_of("{[") calls memchr once per byte of it (~6 % of a replay's CPU).
size_t jsonStart(std::string_view s) noexcept
{
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i] == '{' || s[i] == '[')
            return i;
    return std::string_view::npos;
}

std::string_view baseName(std::string_view path) noexcept
{
    const size_t slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// An integer recorder timestamp in ms: ns/µs/ms/s told by its magnitude.
int64_t msOfIntegerStamp(int64_t whole) noexcept
{
    if (whole >= 100'000'000'000'000'000)
        return whole / 1'000'000;
    if (whole >= 100'000'000'000'000)
        return whole / 1'000;
    if (whole >= 100'000'000'000)
        return whole;
    return whole * 1'000;
}

// Recorder timestamp: integer ns/µs/ms/s by magnitude, or float seconds ("1626992741.301402").
// Anything else → 0 (unknown local time, the line is still used).
int64_t parseLocalMs(std::string_view s) noexcept
{
    const size_t dot = s.find('.');
    int64_t whole = 0;
    if (!parseInt(s.substr(0, dot), whole))
        return 0;
    if (dot == std::string_view::npos)
        return msOfIntegerStamp(whole);
    const std::string_view frac = s.substr(dot + 1);
    if (!frac.empty() && !allDigits(frac))
        return 0;
    int64_t ms = whole * 1'000;
    for (size_t i = 0, scale = 100; i < 3; ++i, scale /= 10) // exact: no double rounding
        if (i < frac.size())
            ms += (frac[i] - '0') * int64_t(scale);
    return ms;
}

// The usual recorded line, "<integer stamp> {…}": where its JSON starts and the stamp in ms, from
// one pass over the digits (what jsonStart and parseLocalMs find for it, without their three
// passes). False for any other line.
bool stampedFrame(std::string_view text, size_t &json, int64_t &localMs) noexcept
{
    uint64_t v = 0; // at most 19 digits: no overflow
    size_t i = 0;
    for (; i < text.size() && i < 19 && text[i] >= '0' && text[i] <= '9'; ++i)
        v = v * 10 + uint64_t(text[i] - '0');
    if (i == 0 || i + 1 >= text.size() || text[i] != ' ' || text[i + 1] != '{'
        || v > uint64_t(std::numeric_limits<int64_t>::max()))
        return false;
    json = i + 1;
    localMs = msOfIntegerStamp(int64_t(v));
    return true;
}

// Value of ?symbol= / &symbol= in a REST url, empty if absent.
std::string_view urlSymbol(std::string_view url) noexcept
{
    constexpr std::string_view key = "symbol=";
    for (size_t at = url.find(key); at != std::string_view::npos; at = url.find(key, at + 1)) {
        if (at == 0 || (url[at - 1] != '?' && url[at - 1] != '&'))
            continue;
        std::string_view v = url.substr(at + key.size());
        return v.substr(0, v.find_first_of("&#"));
    }
    return {};
}

int64_t exchangeMsOf(const MarketEvent &ev) noexcept
{
    struct Visitor {
        int64_t operator()(const std::monostate &) const { return 0; }
        int64_t operator()(const Trade &t) const { return t.timeMs; }
        int64_t operator()(const DepthUpdate &d) const { return d.eventMs; }
        int64_t operator()(const DepthSnapshot &s) const { return s.eventMs; }
        int64_t operator()(const MarkPrice &m) const { return m.eventMs; }
        int64_t operator()(const Liquidation &l) const { return l.eventMs; }
        int64_t operator()(const OpenInterest &o) const { return o.timeMs; }
        int64_t operator()(const Kline &) const { return 0; } // no event time carried: never paces
        int64_t operator()(const ExcludedTrade &x) const { return x.timeMs; }
        int64_t operator()(const FundingSettlement &) const { return 0; } // past settlements: never pace
    };
    return std::visit(Visitor{}, ev.payload);
}

// Splits a byte stream into lines, in place: a line inside a read chunk is handed out as a view
// into it (chunks end with kPadding spare bytes, so the decoder parses it where it lies, no copy);
// only a line cut by a chunk's end is gathered into a buffer of its own. The chunks are read ahead
// on another thread (ChunkPrefetch: zlib inflates while this thread decodes).
class LineReader {
public:
    struct Line {
        std::string_view text; // without its '\n'
        size_t capacity = 0;   // readable bytes from text's start (>= text.size() + kPadding)
    };

    explicit LineReader(ChunkPrefetch::ReadFn read) : chunks_(std::move(read), kChunk, kPadding)
    {
        carry_.reserve(64 * 1024); // a depth snapshot line is ≈ 42 KB
    }

    // Next line; false at the end of the data or on a read error (see failed()). The view stays
    // valid until the next call.
    bool next(Line &out)
    {
        bool carried = false;
        carry_.clear();
        for (;;) {
            if (pos_ == end_) {
                if (done_)
                    return carried && finishCarry(out);
                const ChunkPrefetch::Chunk c = chunks_.next();
                if (c.size <= 0) {
                    done_ = true;
                    failed_ = c.size < 0;
                    chunks_.join(); // the stream is no longer read: its state can be asked
                    return carried && !failed_ && finishCarry(out); // a line cut by a read error is dropped
                }
                chunk_ = c;
                pos_ = 0;
                end_ = size_t(c.size);
            }
            const char *start = chunk_.data + pos_;
            const auto *nl = static_cast<const char *>(std::memchr(start, '\n', end_ - pos_));
            if (nl && !carried) {
                out = {std::string_view(start, size_t(nl - start)), chunk_.capacity - pos_};
                pos_ += size_t(nl - start) + 1;
                return true;
            }
            const size_t take = nl ? size_t(nl - start) : end_ - pos_;
            if (carry_.capacity() < carry_.size() + take + kPadding)
                carry_.reserve(std::max(carry_.size() + take + kPadding, 2 * carry_.capacity()));
            carry_.append(start, take);
            carried = true;
            pos_ += take;
            if (nl) {
                ++pos_;
                return finishCarry(out);
            }
        }
    }

    bool failed() const noexcept { return failed_; }

private:
    bool finishCarry(Line &out)
    {
        out = {std::string_view(carry_), carry_.capacity()};
        return true;
    }

    ChunkPrefetch chunks_;
    ChunkPrefetch::Chunk chunk_;
    std::string carry_;
    size_t pos_ = 0;
    size_t end_ = 0;
    bool done_ = false;
    bool failed_ = false;
};

struct GzClose {
    void operator()(gzFile f) const noexcept { gzclose(f); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzClose>;

// Opens any file through zlib: gzip (by its 1f 8b magic) is inflated, anything else read as is.
GzHandle openGz(const std::string &path, std::string &why)
{
    errno = 0;
    GzHandle f(gzopen(path.c_str(), "rb"));
    if (!f)
        why = errno ? std::strerror(errno) : "cannot open";
    else
        gzbuffer(f.get(), unsigned(kChunk / 2)); // reads of 2x the buffer are inflated into the caller's memory: no copy
    return f;
}

int64_t readGz(gzFile f, char *buf, size_t n) noexcept { return gzread(f, buf, unsigned(n)); }

// zlib's verdict once reading stopped: empty if the whole stream was read, else why not
// (a truncated gzip reads as data followed by "unexpected end of file").
std::string gzProblem(gzFile f, const std::string &path)
{
    int code = Z_OK;
    std::string_view msg = gzerror(f, &code);
    if (code == Z_OK)
        return {};
    if (code == Z_ERRNO)
        return std::strerror(errno);
    if (msg.size() > path.size() + 2 && msg.substr(0, path.size()) == path) // "<path>: <reason>"
        msg.remove_prefix(path.size() + 2);
    return std::string(msg);
}

bool isReadable(const std::string &path, std::string &why)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        why = std::strerror(errno);
        return false;
    }
    char c;
    const bool ok = std::fread(&c, 1, 1, f) == 1 || !std::ferror(f); // empty is readable; a directory is not
    if (!ok)
        why = std::strerror(errno);
    std::fclose(f);
    return ok;
}

bool cancelled(const ReplaySource::Options &o) noexcept
{
    return o.cancel && o.cancel->load(std::memory_order_relaxed);
}

ReplaySource::Format formatByName(std::string_view path) noexcept
{
    const std::string_view name = baseName(path);
    return endsWithNoCase(name, ".csv") || endsWithNoCase(name, ".zip") ? ReplaySource::Format::AggTradesCsv
                                                                        : ReplaySource::Format::Recording;
}

} // namespace

ReplaySource::ReplaySource(std::vector<std::string> files, Options options)
    : files_(std::move(files)), options_(std::move(options))
{
}

ReplaySource::Format ReplaySource::detect(const std::string &path)
{
    std::string why;
    return isReadable(path, why) ? formatByName(path) : Format::Unknown;
}

bool ReplaySource::run(const Sink &sink)
{
    stats_ = {};
    error_.clear();
    decoder_.resetStats();
    paceStartWallNs_ = 0;
    for (const std::string &path : files_) {
        if (cancelled(options_))
            return true;
        std::string why;
        if (!isReadable(path, why)) {
            error_ = "cannot open " + path + ": " + why;
            return false;
        }
        const bool ok = formatByName(path) == Format::AggTradesCsv ? runCsv(path, sink) : runRecording(path, sink);
        stats_.decode = decoder_.stats();
        if (!ok)
            return false;
    }
    return true;
}

bool ReplaySource::runRecording(const std::string &path, const Sink &sink)
{
    std::string why;
    GzHandle gz = openGz(path, why);
    if (!gz) {
        error_ = "cannot open " + path + ": " + why;
        return false;
    }
    LineReader reader([f = gz.get()](char *buf, size_t n) { return readGz(f, buf, n); });
    LineReader::Line line;
    MarketEvent ev;
    SymbolName lastSymbol; // REST snapshots name no symbol: the file's last one is theirs
    while (reader.next(line)) {
        if (cancelled(options_))
            return true;
        ++stats_.lines;
        const std::string_view text = line.text;
        size_t json = 0;
        int64_t localMs = 0;
        std::string_view prefix, symbol;
        const bool stamped = stampedFrame(text, json, localMs);
        if (!stamped) {
            json = jsonStart(text);
            if (json == std::string_view::npos) {
                // cryptofeed's first line "wss://… <-> <ts>" says where it connected; other text is junk
                if (!trimmed(text).empty() && text.find(" <-> ") == std::string_view::npos)
                    ++stats_.badLines;
                continue;
            }
            prefix = text.substr(0, json);
            if (const size_t arrow = prefix.find(" -> "); arrow != std::string_view::npos) {
                symbol = urlSymbol(prefix.substr(0, arrow));
                prefix.remove_prefix(arrow + 4);
            }
            prefix = trimmed(prefix);
            if (!prefix.empty() && prefix.back() == ':')
                prefix.remove_suffix(1);
        }
        if (symbol.empty())
            symbol = lastSymbol.empty() ? std::string_view(options_.symbol) : lastSymbol.view();
        const std::string_view frame = trimmed(text.substr(json));
        const DecodeResult r = decoder_.decode(frame, line.capacity - size_t(frame.data() - text.data()), ev, symbol);
        if (r != DecodeResult::Event && r != DecodeResult::Excluded)
            continue; // counted in the decoder's stats
        ev.localMs = stamped ? localMs : parseLocalMs(prefix);
        if (!ev.symbol.empty())
            lastSymbol = ev.symbol;
        pace(exchangeMsOf(ev));
        sink(ev);
        ++stats_.events;
    }
    if (why = gzProblem(gz.get(), path); !why.empty()) {
        error_ = "cannot read " + path + ": " + why;
        return false;
    }
    return true;
}

bool ReplaySource::runCsv(const std::string &path, const Sink &sink)
{
    const std::string_view name = baseName(path);
    const size_t tag = name.find(kAggTradesTag);
    const std::string_view symbol = tag != std::string_view::npos && tag > 0 ? name.substr(0, tag)
                                                                             : std::string_view(options_.symbol);
    if (symbol.empty()) {
        error_ = "no symbol for " + path + ": name it SYMBOL-aggTrades-….csv/.zip or set Options::symbol";
        return false;
    }

    // The archive reader, lenient: a bad row is counted and skipped.
    AggTradeFile in(AggTradeFile::Mode::Lenient);
    QString why;
    if (!in.open(QString::fromStdString(path), &why)) {
        error_ = "cannot open " + path + ": " + why.toStdString();
        return false;
    }
    MarketEvent ev;
    ev.symbol.assign(symbol);
    std::vector<Trade> chunk;
    chunk.reserve(4096);
    const auto counted = [&] {
        stats_.lines += uint64_t(in.line() - countedLines_);
        stats_.csvRows += uint64_t(in.rows() - countedRows_);
        stats_.badLines += uint64_t(in.badRows() - countedBad_);
        countedLines_ = in.line(), countedRows_ = in.rows(), countedBad_ = in.badRows();
    };
    countedLines_ = countedRows_ = countedBad_ = 0;
    for (bool more = true; more;) {
        chunk.clear();
        more = in.read(chunk, 4096);
        counted();
        for (const Trade &t : chunk) {
            if (cancelled(options_))
                return true;
            ev.payload = t;
            pace(t.timeMs);
            sink(ev);
            ++stats_.events;
        }
    }
    if (!in.error().isEmpty()) {
        error_ = "cannot read " + path + ": " + in.error().toStdString();
        return false;
    }
    return true;
}

void ReplaySource::pace(int64_t exchangeMs)
{
    if (options_.speed <= 0 || exchangeMs <= 0)
        return;
    const auto nowNs = [] {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    };
    if (paceStartWallNs_ == 0) {
        paceStartWallNs_ = nowNs();
        paceStartExchangeMs_ = exchangeMs;
        return;
    }
    const int64_t dueNs = paceStartWallNs_ + int64_t(double(exchangeMs - paceStartExchangeMs_) * 1e6 / options_.speed);
    // Sleep in slices so that a cancel during a long gap in the data is seen quickly.
    constexpr int64_t kSliceNs = 100'000'000;
    for (int64_t left = dueNs - nowNs(); left > 0 && !cancelled(options_); left = dueNs - nowNs())
        std::this_thread::sleep_for(std::chrono::nanoseconds(std::min(left, kSliceNs)));
}

} // namespace co
