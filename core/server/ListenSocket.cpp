#include "server/ListenSocket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace co {

namespace {
// A socket bound to address:port (SO_REUSEADDR for TIME_WAIT, SO_REUSEPORT when shared); -1 with
// *error on failure.
int boundSocket(const QHostAddress &address, quint16 port, bool shared, QString *error)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    auto fail = [&](const char *what) {
        if (error)
            *error = QString("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return -1;
    };
    if (fd < 0)
        return fail("socket");
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
#ifdef SO_REUSEPORT
    if (shared) // without it the next thread's bind fails and the server runs on fewer threads
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
#endif
    int rc = 0;
    if (v6) { // IPv6 only, as QTcpServer binds an IPv6 address
        sockaddr_in6 a{};
        a.sin6_family = AF_INET6;
        a.sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        std::memcpy(&a.sin6_addr, &ip, sizeof ip);
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        rc = ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    } else {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(address.toIPv4Address());
        rc = ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    }
    if (rc != 0)
        return fail(errno == EADDRINUSE ? "address in use" : "bind");
    return fd;
}
} // namespace

int openSharedListener(const QHostAddress &address, quint16 port, QString *error)
{
    const int fd = boundSocket(address, port, true, error);
    if (fd >= 0 && ::listen(fd, SOMAXCONN) != 0) {
        if (error)
            *error = QString("listen: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return -1;
    }
    return fd;
}

bool portFree(const QHostAddress &address, quint16 port, QString *error)
{
    const int fd = boundSocket(address, port, false, error);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

quint16 boundPort(int fd)
{
    sockaddr_storage a{};
    socklen_t n = sizeof a;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &n) != 0)
        return 0;
    if (a.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&a)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in *>(&a)->sin_port);
}

} // namespace co
