#pragma once
// Starts a writer thread that opens its own database connection first: the caller waits for
// the open and gets its error (the thread is joined then), so a bad path fails at start().
#include <QString>

#include <future>
#include <thread>

namespace co {

// body(opened) must set opened exactly once: empty on success, else the error.
template <class Body> bool startWorker(std::thread &thread, Body body, QString *error)
{
    std::promise<QString> opened;
    auto result = opened.get_future();
    thread = std::thread([&opened, body]() mutable { body(&opened); });
    const QString why = result.get();
    if (why.isEmpty())
        return true;
    thread.join();
    if (error)
        *error = why;
    return false;
}

} // namespace co
