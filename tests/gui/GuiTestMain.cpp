#include "TestBackend.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <gtest/gtest.h>

// Widget tests run offscreen, on the database the suite is run for, with settings in a test
// folder rather than the developer's own.
int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("cairn-tests"));
    QStandardPaths::setTestModeEnabled(true);
    // Remembered layouts of one test must not leak into the next run.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    testing::InitGoogleTest(&argc, argv);
    return Cairn::Test::TestBackend::runAll();
}
