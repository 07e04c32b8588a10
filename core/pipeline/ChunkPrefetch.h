#pragma once
// Reads a byte stream ahead on a thread of its own (for a replay: zlib inflates the next chunks
// while the frames of this one are decoded), into a few fixed buffers handed out in turn. A chunk
// stays valid, with `padding` readable bytes after its end, until the next call to next().
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace co {

class ChunkPrefetch {
public:
    using ReadFn = std::function<int64_t(char *, size_t)>; // bytes read; 0 at the end; < 0 on error

    // read is called on the prefetch thread only, until it returns <= 0 or the object is destroyed.
    ChunkPrefetch(ReadFn read, size_t chunk, size_t padding, int buffers = 3);
    ~ChunkPrefetch(); // stops reading (after the read under way) and joins

    struct Chunk {
        const char *data = nullptr;
        int64_t size = 0;     // 0: the end; < 0: a read error (as the read function said)
        size_t capacity = 0;  // readable bytes from data (size + padding at least)
    };
    Chunk next();
    // The read function is no longer called (after next() gave the end or an error).
    void join();

private:
    void run();

    ReadFn read_;
    size_t chunk_, padding_;
    std::vector<std::unique_ptr<char[]>> buffers_;
    std::vector<int64_t> sizes_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<int> free_, filled_; // buffer indices; filled_ in stream order
    int current_ = -1;               // handed out, returned at the next call
    bool stop_ = false;
    std::thread thread_;
};

} // namespace co
