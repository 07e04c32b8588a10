// bench_server: an HTTP/1.1 keep-alive load generator for the MCP/REST server. N clients on one
// epoll loop, each with its own connection and (MCP) its own session: initialize, the initialized
// notification, then the same request again and again for the duration. Prints requests/s and
// latency percentiles of that request. Only POSIX sockets: the client should cost little CPU.
//
//   bench_server --port P --mode rest|mcp-call|mcp-list [--clients 64] [--seconds 30]
//                [--path /api/key-levels/BTCUSDT] [--tool get_key_levels] [--args '{"symbol":"BTCUSDT"}']
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    int port = 8022;
    std::string mode = "rest";
    int clients = 64;
    double seconds = 30;
    std::string path = "/api/key-levels/BTCUSDT";
    std::string tool = "get_key_levels";
    std::string args = R"({"symbol":"BTCUSDT"})";
};

enum class Phase { Initialize, Initialized, Measure };

struct Conn {
    int fd = -1;
    Phase phase = Phase::Measure;
    std::string session;
    std::string out, in;
    size_t sent = 0;
    bool warm = false; // the first measured request of a connection is not counted (accept backlog)
    Clock::time_point started;
};

std::string post(const Options &o, const std::string &session, const std::string &body)
{
    std::string r = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(o.port) +
                    "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n";
    if (!session.empty())
        r += "Mcp-Session-Id: " + session + "\r\nMCP-Protocol-Version: 2025-11-25\r\n";
    return r + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string nextRequest(const Options &o, const Conn &c)
{
    if (o.mode == "rest")
        return "GET " + o.path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(o.port) + "\r\n\r\n";
    switch (c.phase) {
    case Phase::Initialize:
        return post(o, "", R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",)"
                           R"("capabilities":{},"clientInfo":{"name":"bench_server","version":"1"}}})");
    case Phase::Initialized:
        return post(o, c.session, R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
    case Phase::Measure:
        break;
    }
    if (o.mode == "mcp-list")
        return post(o, c.session, R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})");
    return post(o, c.session, R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":")" + o.tool +
                                  R"(","arguments":)" + o.args + "}}");
}

// A complete response at the start of `in`: its length, status and session header; 0 if incomplete.
size_t parseResponse(const std::string &in, int *status, std::string *session)
{
    const size_t end = in.find("\r\n\r\n");
    if (end == std::string::npos)
        return 0;
    *status = std::atoi(in.c_str() + 9);
    std::string lower = in.substr(0, end);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    if (size_t at = lower.find("\r\nmcp-session-id:"); at != std::string::npos) {
        size_t v = at + 17, e = in.find("\r\n", v);
        *session = in.substr(v, e - v);
        session->erase(0, session->find_first_not_of(' '));
    }
    if (size_t at = lower.find("\r\ncontent-length:"); at != std::string::npos) {
        const size_t length = std::strtoul(in.c_str() + at + 17, nullptr, 10);
        return in.size() >= end + 4 + length ? end + 4 + length : 0;
    }
    if (lower.find("transfer-encoding: chunked") != std::string::npos) {
        size_t pos = end + 4;
        for (;;) {
            const size_t line = in.find("\r\n", pos);
            if (line == std::string::npos)
                return 0;
            const size_t n = std::strtoul(in.c_str() + pos, nullptr, 16);
            pos = line + 2 + n + 2;
            if (pos > in.size())
                return 0;
            if (n == 0)
                return pos;
        }
    }
    return end + 4; // no body
}

int connectTo(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        std::perror("connect");
        std::exit(1);
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

bool flush(Conn &c)
{
    while (c.sent < c.out.size()) {
        const ssize_t n = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN;
        c.sent += size_t(n);
    }
    return true;
}

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--port") o.port = std::atoi(v.c_str());
        else if (k == "--mode") o.mode = v;
        else if (k == "--clients") o.clients = std::atoi(v.c_str());
        else if (k == "--seconds") o.seconds = std::atof(v.c_str());
        else if (k == "--path") o.path = v;
        else if (k == "--tool") o.tool = v;
        else if (k == "--args") o.args = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            std::exit(2);
        }
    }
    if (o.mode != "rest" && o.mode != "mcp-call" && o.mode != "mcp-list") {
        std::fprintf(stderr, "--mode must be rest, mcp-call or mcp-list\n");
        std::exit(2);
    }
    return o;
}
} // namespace

int main(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    const int ep = ::epoll_create1(0);
    std::vector<Conn> conns(size_t(o.clients));
    for (size_t i = 0; i < conns.size(); ++i) {
        Conn &c = conns[i];
        c.fd = connectTo(o.port);
        c.phase = o.mode == "rest" ? Phase::Measure : Phase::Initialize;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.u64 = i;
        ::epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
        c.out = nextRequest(o, c);
        c.started = Clock::now();
        flush(c);
    }
    std::vector<double> latencies; // ms, measured requests only
    latencies.reserve(1 << 20);
    long errors = 0, bytes = 0;
    const Clock::time_point begin = Clock::now();
    const Clock::time_point stop = begin + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    std::vector<epoll_event> events(size_t(o.clients));
    char buf[65536];
    int active = o.clients;
    while (active > 0) {
        const int n = ::epoll_wait(ep, events.data(), int(events.size()), 1000);
        for (int k = 0; k < n; ++k) {
            Conn &c = conns[events[size_t(k)].data.u64];
            if (c.fd < 0)
                continue;
            if (events[size_t(k)].events & EPOLLOUT)
                flush(c);
            if (!(events[size_t(k)].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                continue;
            for (;;) {
                const ssize_t r = ::recv(c.fd, buf, sizeof buf, 0);
                if (r > 0) {
                    c.in.append(buf, size_t(r));
                    continue;
                }
                if (r == 0 || errno != EAGAIN) {
                    std::fprintf(stderr, "connection closed by the server\n");
                    std::exit(1);
                }
                break;
            }
            int status = 0;
            std::string session;
            while (const size_t len = parseResponse(c.in, &status, &session)) {
                const Clock::time_point now = Clock::now();
                bytes += long(len);
                c.in.erase(0, len);
                if (status < 200 || status >= 300)
                    ++errors;
                if (c.phase == Phase::Initialize) {
                    c.session = session;
                    c.phase = Phase::Initialized;
                } else if (c.phase == Phase::Initialized) {
                    c.phase = Phase::Measure;
                } else if (!c.warm) {
                    c.warm = true;
                } else if (now <= stop) {
                    latencies.push_back(std::chrono::duration<double, std::milli>(now - c.started).count());
                }
                if (now >= stop && c.phase == Phase::Measure) {
                    ::close(c.fd);
                    c.fd = -1;
                    --active;
                    break;
                }
                c.out = nextRequest(o, c);
                c.sent = 0;
                c.started = Clock::now();
                flush(c);
            }
        }
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) { return latencies.empty() ? 0.0 : latencies[size_t(p * double(latencies.size() - 1))]; };
    std::printf("mode=%s clients=%d seconds=%.1f requests=%zu errors=%ld req/s=%.0f p50=%.3fms p90=%.3fms p99=%.3fms "
                "max=%.3fms avgBytes=%.0f\n",
                o.mode.c_str(), o.clients, elapsed, latencies.size(), errors, double(latencies.size()) / o.seconds, pct(0.5),
                pct(0.9), pct(0.99), latencies.empty() ? 0.0 : latencies.back(),
                latencies.empty() ? 0.0 : double(bytes) / double(latencies.size()));
    return errors ? 1 : 0;
}
