#include "server/DeferredReplies.h"

namespace co {

DeferredReplies::DeferredReplies(QObject *parent) : QObject(parent), gate_(std::make_shared<Gate>())
{
    gate_->target = this;
}

DeferredReplies::~DeferredReplies() { closeAll(); }

void DeferredReplies::closeAll()
{
    std::lock_guard lock(gate_->mutex);
    gate_->target = nullptr;
}

void DeferredReplies::release(const std::weak_ptr<Gate> &gate, const std::shared_ptr<Pending> &p)
{
    if (--p->left > 0)
        return;
    const std::shared_ptr<Gate> g = gate.lock();
    if (!g)
        return;
    std::lock_guard lock(g->mutex); // the target is not deleted while posting to it
    if (g->target)
        QMetaObject::invokeMethod(
            g->target,
            [p] {
                if (p->responder && p->responder->connected())
                    p->finish(*p->responder);
                p->responder.reset(); // on this thread, with its connection
            },
            Qt::QueuedConnection);
}

bool DeferredReplies::defer(HttpResponder &r, const Prepare &prepare, Finish finish)
{
    auto p = std::make_shared<Pending>();
    const std::weak_ptr<Gate> gate = gate_;
    const Tools::WaitOne waitOne = [gate, p] {
        ++p->left;
        return std::function<void()>([gate, p] { release(gate, p); });
    };
    if (!prepare(waitOne))
        return false; // every callback handed out has been called: nothing pending
    p->responder.emplace(std::move(r));
    p->finish = std::move(finish);
    release(gate_, p); // the initial count: from here the last one done posts the answer
    return true;
}

} // namespace co
