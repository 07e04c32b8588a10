#include "app/TerminalProgress.h"

#include <algorithm>
#include <unistd.h>

namespace co {

TerminalProgress::TerminalProgress(FILE *out) : out_(out), tty_(isatty(fileno(out)) != 0) {}

void TerminalProgress::update(const QString &label, double fraction, const QString &detail)
{
    if (!tty_ || (drawn_ && since_.isValid() && since_.elapsed() < 100 && fraction < 1))
        return;
    since_.restart();
    constexpr int kWidth = 30;
    const int filled = int(std::clamp(fraction, 0.0, 1.0) * kWidth + 0.5);
    const QString bar = QString(filled, QChar('#')) + QString(kWidth - filled, QChar('.'));
    const QString text = QStringLiteral("\r[%1] %2% %3 %4\x1b[K")
                             .arg(bar)
                             .arg(int(std::clamp(fraction, 0.0, 1.0) * 100), 3)
                             .arg(label, detail);
    std::fputs(qPrintable(text), out_);
    std::fflush(out_);
    drawn_ = true;
}

void TerminalProgress::line(const QString &text)
{
    if (tty_ && drawn_)
        std::fputs("\r\x1b[K", out_);
    drawn_ = false;
    std::fputs(qPrintable(text + '\n'), out_);
    std::fflush(out_);
}

} // namespace co
