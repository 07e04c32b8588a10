#include "server/JsonStream.h"

#include "server/JsonWriter.h"

namespace co::json {

// The layout is QJsonDocument's: compact has no spaces; indented puts every member or element on a
// line of its own, 4 spaces a level, ": " after keys, and an empty container as "{\n<indent>}".

JsonStream::JsonStream(bool indented, Sink sink, size_t flushAt)
    : indented_(indented), sink_(std::move(sink)), flushAt_(flushAt)
{
    buf_.reserve(flushAt_ + 4096);
}

void JsonStream::element()
{
    if (afterKey_) { // the value of a member: its key wrote the separator
        afterKey_ = false;
        return;
    }
    if (levels_.empty())
        return;
    Level &l = levels_.back();
    if (!l.empty)
        buf_ += indented_ ? ",\n" : ",";
    l.empty = false;
    if (indented_)
        buf_.append(4 * levels_.size(), ' ');
}

void JsonStream::open(char c)
{
    element();
    buf_ += c;
    if (indented_)
        buf_ += '\n';
    levels_.push_back({c == '{', true});
}

void JsonStream::close(char c)
{
    const bool empty = levels_.back().empty;
    levels_.pop_back();
    if (indented_) {
        if (!empty)
            buf_ += '\n';
        buf_.append(4 * levels_.size(), ' ');
    }
    buf_ += c;
    flushIfFull();
}

void JsonStream::beginObject() { open('{'); }
void JsonStream::endObject() { close('}'); }
void JsonStream::beginArray() { open('['); }
void JsonStream::endArray() { close(']'); }

void JsonStream::key(std::string_view k)
{
    element();
    appendString(buf_, k);
    buf_ += indented_ ? ": " : ":";
    afterKey_ = true;
}

void JsonStream::number(double d)
{
    element();
    appendNumber(buf_, d);
}

void JsonStream::integer(int64_t v)
{
    element();
    appendInteger(buf_, v);
}

void JsonStream::boolean(bool b)
{
    element();
    buf_ += b ? "true" : "false";
}

void JsonStream::string(std::string_view utf8)
{
    element();
    appendString(buf_, utf8);
}

void JsonStream::value(const QJsonValue &v)
{
    element();
    appendValue(buf_, v, indented_, int(levels_.size()));
    flushIfFull();
}

void JsonStream::objectWith(const QJsonObject &o, std::string_view key, const std::function<void()> &member)
{
    const QString spliced = QString::fromUtf8(key.data(), qsizetype(key.size()));
    bool done = false;
    beginObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!done && spliced < it.key()) {
            this->key(key);
            member();
            done = true;
        }
        const QByteArray k = it.key().toUtf8();
        this->key(std::string_view(k.constData(), size_t(k.size())));
        value(it.value());
    }
    if (!done) {
        this->key(key);
        member();
    }
    endObject();
}

void JsonStream::flushIfFull()
{
    if (buf_.size() < flushAt_)
        return;
    sink_(buf_);
    buf_.clear();
}

void JsonStream::finish()
{
    if (indented_)
        buf_ += '\n';
    if (!buf_.empty())
        sink_(buf_);
    buf_.clear();
}

} // namespace co::json
