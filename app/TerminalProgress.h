#pragma once
// A one-line progress bar on a terminal (redrawn with '\r', at most 10 times a second); on a
// pipe or file only the finished lines are written.
#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace co {

class TerminalProgress {
public:
    explicit TerminalProgress(FILE *out);
    // fraction 0..1 of the current item; label names it.
    void update(const QString &label, double fraction, const QString &detail);
    // Ends the current bar with a line that stays.
    void line(const QString &text);

private:
    FILE *out_;
    bool tty_;
    bool drawn_ = false;
    QElapsedTimer since_;
};

} // namespace co
