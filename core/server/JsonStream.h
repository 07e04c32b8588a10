#pragma once
// JSON written as it is produced, byte for byte as QJsonDocument::toJson writes the same tree, and
// handed to a sink in pieces: `report` writes ~20 MB of footprint bars this way without building
// a QJson tree first or holding the whole text. Object keys must come in the order QJsonObject
// keeps them (sorted), which the caller guarantees; subtrees that exist as QJson values anyway are
// written with value().
#include <QJsonObject>
#include <QJsonValue>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace co::json {

class JsonStream {
public:
    using Sink = std::function<void(std::string_view)>;

    // indented: QJsonDocument::Indented (with its final newline at finish()), else Compact.
    JsonStream(bool indented, Sink sink, size_t flushAt = size_t(1) << 16);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view k);
    void number(double d);   // as a QJsonValue(double)
    void integer(int64_t v); // as a QJsonValue(qint64)
    void boolean(bool b);
    void string(std::string_view utf8);
    void value(const QJsonValue &v);
    // o's members with one more, `key`, in its sorted place; member() writes that member's value.
    void objectWith(const QJsonObject &o, std::string_view key, const std::function<void()> &member);
    // The rest of the text to the sink (call once, after the outermost value).
    void finish();

private:
    void element(); // separator and indentation before a value in the current container
    void open(char c);
    void close(char c);
    void flushIfFull();

    struct Level {
        bool object = false;
        bool empty = true;
    };
    bool indented_;
    Sink sink_;
    size_t flushAt_;
    std::string buf_;
    std::vector<Level> levels_;
    bool afterKey_ = false;
};

} // namespace co::json
