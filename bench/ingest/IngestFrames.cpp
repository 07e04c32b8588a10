#include "IngestFrames.h"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace bench_ingest {

namespace {
// Builds one frame in place without allocations.
struct Writer {
    char buf[512];
    char *p = buf;
    void s(std::string_view v)
    {
        std::memcpy(p, v.data(), v.size());
        p += v.size();
    }
    void i(int64_t v) { p = std::to_chars(p, buf + sizeof buf, v).ptr; }
    size_t size() const { return size_t(p - buf); }
};
} // namespace

// "0.006" → 600000 units, 3 decimals. Independent of the code under test on purpose.
bool decimalUnits(std::string_view s, int64_t &units, int &decimals)
{
    int64_t ip = 0, fp = 0;
    size_t i = 0;
    bool digits = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true)
        ip = ip * 10 + (s[i] - '0');
    decimals = 0;
    if (i < s.size() && s[i] == '.') {
        for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true) {
            fp = fp * 10 + (s[i] - '0');
            ++decimals;
        }
    }
    if (!digits || i != s.size() || decimals > 8 || ip > 90'000'000'000LL)
        return false;
    int64_t scale = 1;
    for (int d = decimals; d < 8; ++d)
        scale *= 10;
    units = ip * kUnitsPerOne + fp * scale;
    return true;
}

std::string formatUnits(int64_t units, int decimals)
{
    int64_t div = 1;
    for (int d = decimals; d < 8; ++d)
        div *= 10;
    const int64_t v = units / div; // exact: sums of values with `decimals` decimals
    int64_t pow = 1;
    for (int d = 0; d < decimals; ++d)
        pow *= 10;
    std::string r = std::to_string(v / pow);
    if (decimals > 0) {
        std::string f = std::to_string(v % pow);
        r += '.';
        r.append(size_t(decimals) - f.size(), '0');
        r += f;
    }
    return r;
}

bool readGzip(const std::string &path, std::string &out, std::string &err)
{
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) {
        err = "cannot open " + path;
        return false;
    }
    gzbuffer(f, 1 << 20);
    std::vector<char> buf(1 << 20);
    int n;
    while ((n = gzread(f, buf.data(), unsigned(buf.size()))) > 0)
        out.append(buf.data(), size_t(n));
    int code = 0;
    const char *msg = gzerror(f, &code);
    const bool ok = n == 0 && (code == Z_OK || code == Z_STREAM_END);
    if (!ok)
        err = path + ": " + (msg ? msg : "read error");
    gzclose(f);
    return ok;
}

// The combined-stream raw trade frames of the recording, in file order.
bool loadTrades(const std::string &path, std::vector<SrcTrade> &out, size_t &skipped, std::string &err)
{
    skipped = 0;
    std::string text;
    if (!readGzip(path, text, err))
        return false;
    simdjson::dom::parser parser;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string::npos)
            eol = text.size();
        std::string_view line(text.data() + pos, eol - pos);
        pos = eol + 1;
        const size_t sp = line.find(' ');
        if (sp == std::string_view::npos)
            continue;
        const std::string_view json = line.substr(sp + 1);
        if (json.find("\"stream\":\"btcusdt@trade\"") == std::string_view::npos)
            continue; // depth, bookTicker, snapshot lines
        simdjson::dom::element doc;
        if (parser.parse(json.data(), json.size()).get(doc)) {
            err = "unparsable trade line in " + path;
            return false;
        }
        simdjson::dom::object d;
        std::string_view e, p, q, x = "MARKET";
        SrcTrade t;
        if (doc["data"].get(d) || d["e"].get(e) || e != "trade" || d["E"].get(t.E) || d["T"].get(t.T) ||
            d["t"].get(t.id) || d["p"].get(p) || d["q"].get(q) || d["m"].get(t.m)) {
            err = "unexpected trade frame in " + path + ": " + std::string(json.substr(0, 200));
            return false;
        }
        if (d["X"].get(x))
            x = "MARKET";
        if (x != "MARKET") { // INSURANCE_FUND / ADL fills are excluded by the decoder: not repeated
            ++skipped;
            continue;
        }
        if (p.size() > 32 || q.size() > 32 || x.size() > 32) { // frames are built in a fixed buffer
            err = "unexpected trade frame in " + path + ": " + std::string(json.substr(0, 200));
            return false;
        }
        t.p = p;
        t.q = q;
        t.x = x;
        if (!decimalUnits(q, t.qtyUnits, t.qtyDecimals)) {
            err = "bad quantity " + std::string(q);
            return false;
        }
        out.push_back(std::move(t));
    }
    if (out.empty()) {
        err = "no btcusdt@trade frames in " + path;
        return false;
    }
    return true;
}

std::vector<ClipMsg> clipMessages(const std::vector<SrcTrade> &src, Variant v)
{
    std::vector<ClipMsg> out;
    const int64_t t0 = src.front().T;
    for (size_t i = 0; i < src.size(); ++i) {
        const SrcTrade &s = src[i];
        const bool merge = v == Variant::AggTrade && !out.empty() && out.back().src->T == s.T &&
                           out.back().src->m == s.m && out.back().src->p == s.p;
        if (merge) {
            ClipMsg &m = out.back();
            ++m.count;
            m.qtyUnits += s.qtyUnits;
            m.dE = s.E - s.T; // E of the last fill
            continue;
        }
        ClipMsg m;
        m.dT = s.T - t0;
        m.dE = s.E - s.T;
        m.first = int(i);
        m.qtyUnits = s.qtyUnits;
        m.src = &s;
        out.push_back(m);
    }
    for (ClipMsg &m : out)
        m.q = formatUnits(m.qtyUnits, m.src->qtyDecimals);
    return out;
}

FrameSet generate(const std::vector<SrcTrade> &src, Variant v, size_t n)
{
    FrameSet fs;
    fs.variant = v;
    const std::vector<ClipMsg> clip = clipMessages(src, v);
    const size_t per = clip.size();
    const size_t reps = (n + per - 1) / per;
    const int64_t period = kDayMs / int64_t(reps); // each repetition gets an equal slice of the day
    const int64_t span = src.back().T - src.front().T + 1;
    const int64_t dayStart = src.front().T - src.front().T % kDayMs; // UTC midnight of the clip
    const int64_t rawPerRep = int64_t(src.size());
    const int64_t rawId0 = src.front().id;
    const int64_t aggId0 = 2'300'000'000; // the order of magnitude of BTCUSDT aggTrade ids in 2024
    fs.clipMessages = per;
    fs.repetitions = reps;
    fs.periodMs = period;
    fs.frames.reserve(n);

    for (size_t k = 0; k < n; ++k) {
        const size_t r = k / per, j = k % per;
        const ClipMsg &m = clip[j];
        const SrcTrade &s = *m.src;
        const int64_t T = dayStart + int64_t(r) * period + m.dT * period / span;
        const int64_t E = T + m.dE;
        const int64_t raw = rawId0 + int64_t(r) * rawPerRep + m.first; // first raw trade id
        const int64_t id = v == Variant::AggTrade ? aggId0 + int64_t(k) : raw;
        Writer w;
        if (v == Variant::AggTrade) {
            // Field order of Binance USD-M aggTrade (2025 docs, with nq).
            w.s(R"({"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":)");
            w.i(E);
            w.s(R"(,"s":"BTCUSDT","a":)");
            w.i(id);
            w.s(R"(,"p":")");
            w.s(s.p);
            w.s(R"(","q":")");
            w.s(m.q);
            w.s(R"(","nq":")");
            w.s(m.q);
            w.s(R"(","f":)");
            w.i(raw);
            w.s(R"(,"l":)");
            w.i(raw + m.count - 1);
            w.s(R"(,"T":)");
            w.i(T);
            w.s(R"(,"m":)");
            w.s(s.m ? "true" : "false");
            w.s("}}");
        } else {
            // Same layout as the recorded frames.
            w.s(R"({"stream":"btcusdt@trade","data":{"e":"trade","E":)");
            w.i(E);
            w.s(R"(,"T":)");
            w.i(T);
            w.s(R"(,"s":"BTCUSDT","t":)");
            w.i(id);
            w.s(R"(,"p":")");
            w.s(s.p);
            w.s(R"(","q":")");
            w.s(m.q);
            w.s(R"(","X":")");
            w.s(s.x);
            w.s(R"(","m":)");
            w.s(s.m ? "true" : "false");
            w.s("}}");
        }
        std::string f;
        f.reserve(w.size() + simdjson::SIMDJSON_PADDING);
        f.assign(w.buf, w.size());
        fs.bytes += f.size();
        fs.frames.push_back(std::move(f));
        (s.m ? fs.sell : fs.buy) += m.qtyUnits;
        if (k == 0) {
            fs.firstMs = T;
            fs.firstId = id;
        }
        fs.lastMs = T;
        fs.lastId = id;
    }
    return fs;
}

} // namespace bench_ingest
