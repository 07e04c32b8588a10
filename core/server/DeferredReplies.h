#pragma once
// Answers that wait for work on another thread (a day rebuilt from the cache) without holding up
// the server thread, which serves every request: the responder is kept, and the answer is made
// and written on the server thread once all the work it waits for is done. A client that went
// away gets nothing; a stopping server drops what is pending. (HttpConnection reads a connection's
// next request only once this one is answered, so pipelined answers keep their order.)
#include "server/Tools.h"

#include "server/HttpConnection.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace co {

class DeferredReplies : public QObject {
public:
    explicit DeferredReplies(QObject *parent = nullptr);
    ~DeferredReplies() override;

    // prepare starts the work (Tools::prepare) and says whether any is still running. False: it
    // is not, answer now. True: r is taken, and finish(r) runs later on this object's thread.
    using Prepare = std::function<bool(const Tools::WaitOne &)>;
    using Finish = std::function<void(HttpResponder &)>;
    bool defer(HttpResponder &r, const Prepare &prepare, Finish finish);
    void closeAll();

private:
    struct Gate {
        std::mutex mutex;
        DeferredReplies *target = nullptr;
    };
    struct Pending {
        std::atomic<int> left{1};
        std::optional<HttpResponder> responder;
        Finish finish;
    };
    static void release(const std::weak_ptr<Gate> &gate, const std::shared_ptr<Pending> &p);

    std::shared_ptr<Gate> gate_;
};

} // namespace co
