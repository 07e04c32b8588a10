#pragma once
// Volume profiles: the day, the prior day and each of today's sessions, with the value area
// shaded and POC/VAH/VAL marked. Scene building is a pure function; painting is render/ProfilePainter.
#include "engine/Snapshot.h"
#include "render/ProfilePainter.h"
#include "views/ChoicePanel.h"

#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QPainter;

namespace co {

struct ProfileChoice {
    enum Kind { Today, PriorDay, Session, PriorSession } kind = Today;
    size_t session = 0; // index into todaySessions (Session) or priorSessions (PriorSession)
    QString label;
};

std::vector<ProfileChoice> profileChoices(const EngineSnapshot &s);
// maxRows > 0: rows are merged further (by a round multiple of grouping) until at most maxRows remain.
ProfileScene buildProfileScene(const EngineSnapshot &s, const ProfileChoice &c, int64_t grouping, int64_t maxRows = 0);

class ProfileCanvas : public QWidget {
    Q_OBJECT
public:
    explicit ProfileCanvas(QWidget *parent = nullptr);
    void setScene(ProfileScene scene);
    const ProfileScene &scene() const { return scene_; }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    ProfileScene scene_;
};

class ProfileView : public ChoicePanel {
    Q_OBJECT
public:
    explicit ProfileView(QWidget *parent = nullptr);
    const ProfileScene &scene() const { return canvas_->scene(); }

protected:
    void rebuild() override;

private:
    ProfileCanvas *canvas_;
};

} // namespace co
