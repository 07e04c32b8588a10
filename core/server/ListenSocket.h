#pragma once
// Listening TCP sockets that several server threads open on one port (SO_REUSEPORT: the kernel
// hands each new connection to one of them). Qt's QTcpServer::listen cannot set that option, so
// the socket is made here and given to a QTcpServer with setSocketDescriptor.
#include <QHostAddress>
#include <QString>

namespace co {

// A listening, non-blocking socket on address:port (0: any free port); -1 with *error on failure.
int openSharedListener(const QHostAddress &address, quint16 port, QString *error);
// Whether address:port can be bound by a socket that shares with nobody (SO_REUSEPORT would let a
// second copy of the program join a port already in use); *error says why not.
bool portFree(const QHostAddress &address, quint16 port, QString *error);
// The port a socket is bound to (0 on error).
quint16 boundPort(int fd);

} // namespace co
