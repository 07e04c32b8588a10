// The profile panel's session chooser: today's sessions and the prior day's, each with its own
// profile. Worked by hand: the prior day's Tokyo session (00:00-09:00 UTC) traded 100.0 × 2 and
// 100.1 × 1 at 01:00; today's Tokyo 101.0 × 1 at 01:00.
#include "GuiFixtures.h"
#include "model/Time.h"
#include "views/ProfileView.h"

#include <QComboBox>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
const int64_t kDay = daysFromCivil({2024, 7, 19}) * kMsPerDay;
}

class TestGuiProfileSessions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void priorDaySessions()
    {
        MarketEngine e(btcInfo(), {});
        int64_t id = 1;
        addTrades(e, kDay - kMsPerDay + kMsPerHour, {{100.0, 2, true}, {100.1, 1, false}}, id);
        addTrades(e, kDay + kMsPerHour, {{101.0, 1, true}}, id);
        const SnapshotPtr s = e.publish();
        const std::vector<ProfileChoice> choices = profileChoices(*s);
        QCOMPARE(choices.size(), size_t(4)); // today, prior day, Tokyo today, Tokyo prior day
        QCOMPARE(int(choices[3].kind), int(ProfileChoice::PriorSession));
        const ProfileScene sc = buildProfileScene(*s, choices[3], 1);
        QCOMPARE(sc.rows.size(), size_t(2));
        QVERIFY(std::abs(sc.rows[1].price - 100.0) < 1e-9);
        QCOMPARE(sc.rows[1].buy, 2.0);
        QCOMPARE(sc.rows[0].sell, 1.0);
        QVERIFY(std::abs(*sc.poc - 100.0) < 1e-9);
        const ProfileScene today = buildProfileScene(*s, choices[2], 1);
        QCOMPARE(today.rows.size(), size_t(1));
        QVERIFY(std::abs(today.rows[0].price - 101.0) < 1e-9);

        ProfileView v;
        v.resize(300, 400);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setSnapshot(s);
        auto *picker = v.findChild<QComboBox *>("profilePicker");
        QVERIFY(picker);
        QCOMPARE(picker->count(), 4);
        picker->setCurrentIndex(3);
        QCOMPARE(v.scene().rows.size(), size_t(2));
        QCOMPARE(v.scene().title, picker->itemText(3));
    }
};

QTEST_MAIN(TestGuiProfileSessions)
#include "test_gui_profile_sessions.moc"
