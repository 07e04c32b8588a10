#include "app/AggTradeFile.h"

#include "app/Sha256.h"
#include "binance/ReplaySource.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

#include <QFileInfo>

#include <cstring>

namespace co {

namespace {
constexpr int64_t kChunk = 1 << 20;
}

AggTradeFile::AggTradeFile() = default;

AggTradeFile::~AggTradeFile()
{
    if (entry_ && entry_->isOpen())
        entry_->close();
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
    }
    return true;
}

int64_t AggTradeFile::readRaw(char *buf, int64_t n)
{
    if (entry_)
        return int64_t(entry_->read(buf, n));
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
        Trade t;
        if (!parseAggTradeCsvRow(row, t))
            return fail(QStringLiteral("line %1: not an aggTrades row (agg_trade_id,price,quantity,first_trade_id,"
                                       "last_trade_id,transact_time,is_buyer_maker): \"%2\"%3")
                            .arg(line_)
                            .arg(QString::fromUtf8(row.data(), qsizetype(std::min<size_t>(row.size(), 120))))
                            .arg(nl ? "" : " (the file ends inside this row: truncated?)"));
        out.push_back(t);
        ++got;
    }
    return true;
}

} // namespace co
