#pragma once
// Copy-on-write holder: the engine writes through mut(), readers get share(). A value shared with
// a published snapshot is copied before the next write, so snapshots stay immutable and the
// engine never waits for readers.
#include <memory>

namespace co {

template <typename T>
class Cow {
public:
    Cow() : p_(std::make_shared<T>()) {}
    explicit Cow(T v) : p_(std::make_shared<T>(std::move(v))) {}

    const T &get() const noexcept { return *p_; }
    const T *operator->() const noexcept { return p_.get(); }
    T &mut()
    {
        if (p_.use_count() > 1) // only the engine thread writes, so 1 means nobody else can see it
            p_ = std::make_shared<T>(*p_);
        return *p_;
    }
    std::shared_ptr<const T> share() const noexcept { return p_; }

private:
    std::shared_ptr<T> p_;
};

} // namespace co
