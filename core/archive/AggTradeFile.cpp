#include "archive/AggTradeFile.h"

#include "archive/Sha256.h"
#include "model/Ascii.h"
#include "model/Fixed.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <zlib.h>

#include <QFileInfo>

#include <cstring>

namespace co {

namespace {
constexpr int64_t kChunk = 1 << 20;
}

bool isCsvHeader(std::string_view firstLine)
{
    return !allDigits(firstLine.substr(0, firstLine.find(',')));
}

bool parseAggTradeCsvRow(std::string_view row, Trade &out)
{
    while (!row.empty() && (row.back() == '\r' || row.back() == '\n'))
        row.remove_suffix(1);
    // agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker
    std::string_view f[7];
    for (size_t i = 0; i < 7; ++i) {
        const size_t comma = row.find(',');
        if ((comma == std::string_view::npos) != (i == 6))
            return false; // fewer or more than 7 fields
        f[i] = row.substr(0, comma);
        row.remove_prefix(i == 6 ? row.size() : comma + 1);
    }
    int64_t id, price, qty, firstId, lastId, time;
    if (!parseInt(f[0], id) || !parseFixed(f[1], price) || !parseFixed(f[2], qty) || !parseInt(f[3], firstId)
        || !parseInt(f[4], lastId) || !parseInt(f[5], time) || price <= 0 || qty <= 0 || firstId > lastId)
        return false;
    // USD-M archives are ms; Spot ones µs since 2025 (binance.md §7). Other magnitudes are rejected.
    if (time >= 1'000'000'000'000'000'000 || time < 100'000'000'000)
        return false;
    if (time >= 1'000'000'000'000'000)
        time /= 1'000;
    bool buyerMaker;
    if (equalsNoCase(f[6], "true"))
        buyerMaker = true;
    else if (equalsNoCase(f[6], "false"))
        buyerMaker = false;
    else
        return false;
    out.id = id;
    out.timeMs = time;
    out.price = price;
    out.qty = qty;
    out.buyerMaker = buyerMaker;
    out.source = TradeSource::AggTrade;
    return true;
}

AggTradeFile::AggTradeFile(Mode mode) : mode_(mode) {}

AggTradeFile::~AggTradeFile()
{
    if (entry_ && entry_->isOpen())
        entry_->close();
    if (gz_)
        gzclose(static_cast<gzFile>(gz_));
}

bool AggTradeFile::fail(const QString &why)
{
    error_ = name_ + ": " + why;
    return false;
}

bool AggTradeFile::open(const QString &path, QString *error)
{
    path_ = path;
    name_ = QFileInfo(path).fileName();
    auto bad = [&](const QString &why) {
        fail(why);
        if (error)
            *error = error_;
        return false;
    };
    if (path.endsWith(".zip", Qt::CaseInsensitive)) {
        zip_ = std::make_unique<QuaZip>(path);
        if (!zip_->open(QuaZip::mdUnzip))
            return bad(QStringLiteral("not a readable zip (truncated or damaged? code %1)").arg(zip_->getZipError()));
        bool found = false;
        for (bool more = zip_->goToFirstFile(); more; more = zip_->goToNextFile())
            if ((found = zip_->getCurrentFileName().endsWith(".csv", Qt::CaseInsensitive)))
                break;
        if (!found)
            return bad("no .csv file inside the zip");
        QuaZipFileInfo64 info;
        if (zip_->getCurrentFileInfo(&info))
            total_ = int64_t(info.uncompressedSize);
        entry_ = std::make_unique<QuaZipFile>(zip_.get());
        if (!entry_->open(QIODevice::ReadOnly))
            return bad("cannot read the zip entry: " + entry_->errorString());
    } else {
        file_.setFileName(path);
        if (!file_.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            return bad(file_.errorString());
        total_ = file_.size();
        if (file_.peek(2) == QByteArray("\x1f\x8b")) { // gzipped CSV: zlib reads it (size unknown)
            file_.close();
            gz_ = gzopen(QFile::encodeName(path).constData(), "rb");
            if (!gz_)
                return bad("cannot read the gzip stream");
            gzbuffer(static_cast<gzFile>(gz_), 256 * 1024);
            total_ = 0;
        }
    }
    return true;
}

int64_t AggTradeFile::readRaw(char *buf, int64_t n)
{
    if (entry_)
        return int64_t(entry_->read(buf, n));
    if (gz_)
        return int64_t(gzread(static_cast<gzFile>(gz_), buf, unsigned(n)));
    const int64_t got = int64_t(file_.read(buf, n));
    if (hash_ && got > 0)
        hash_->add(buf, qsizetype(got));
    return got;
}

bool AggTradeFile::finish()
{
    finished_ = true;
    if (entry_) {
        entry_->close(); // checks the CRC of what was read
        if (entry_->getZipError() != UNZ_OK)
            return fail(QStringLiteral("damaged zip entry after line %1 (CRC or inflate error %2)")
                            .arg(line_)
                            .arg(entry_->getZipError()));
    }
    if (gz_) {
        int code = Z_OK;
        const char *msg = gzerror(static_cast<gzFile>(gz_), &code);
        if (code != Z_OK && code != Z_STREAM_END)
            return fail(QStringLiteral("damaged gzip stream after line %1: %2").arg(line_).arg(QString::fromUtf8(msg)));
    }
    return false;
}

bool AggTradeFile::read(std::vector<Trade> &out, size_t max)
{
    if (finished_ || !error_.isEmpty())
        return false;
    size_t got = 0;
    while (got < max) {
        const char *start = buf_.get() + pos_;
        const size_t left = end_ - pos_;
        const auto *nl = static_cast<const char *>(std::memchr(start, '\n', left));
        if (!nl && !eof_) {
            // Keep the partial line at the front, read more after it.
            if (cap_ < left + size_t(kChunk)) {
                cap_ = left + 2 * size_t(kChunk);
                auto bigger = std::make_unique<char[]>(cap_);
                std::memcpy(bigger.get(), start, left);
                buf_ = std::move(bigger);
            } else {
                std::memmove(buf_.get(), start, left);
            }
            pos_ = 0;
            end_ = left;
            const int64_t n = readRaw(buf_.get() + end_, kChunk);
            if (n < 0)
                return fail(QStringLiteral("read error after line %1: %2")
                                .arg(line_)
                                .arg(entry_ ? entry_->errorString() : file_.errorString()));
            end_ += size_t(n);
            consumed_ += n;
            eof_ = n == 0;
            continue;
        }
        if (!nl && left == 0) // everything read
            return got > 0 || finish();
        const size_t len = nl ? size_t(nl - start) : left;
        std::string_view row(start, len);
        pos_ += nl ? len + 1 : len;
        ++line_;
        while (!row.empty() && (row.back() == '\r' || row.back() == ' '))
            row.remove_suffix(1);
        if (row.empty())
            continue;
        if (line_ == 1) {
            if (row.substr(0, 3) == "\xEF\xBB\xBF") // UTF-8 BOM of spreadsheet exports
                row.remove_prefix(3);
            if (isCsvHeader(row)) {
                header_ = true;
                continue;
            }
        }
        ++rows_;
        Trade t;
        if (!parseAggTradeCsvRow(row, t)) {
            if (mode_ == Mode::Lenient) {
                ++badRows_;
                continue;
            }
            return fail(QStringLiteral("line %1: not an aggTrades row (agg_trade_id,price,quantity,first_trade_id,"
                                       "last_trade_id,transact_time,is_buyer_maker): \"%2\"%3")
                            .arg(line_)
                            .arg(QString::fromUtf8(row.data(), qsizetype(std::min<size_t>(row.size(), 120))))
                            .arg(nl ? "" : " (the file ends inside this row: truncated?)"));
        }
        out.push_back(t);
        ++got;
    }
    return true;
}

} // namespace co
