#include "Theme.h"

#include "SettingValue.h"

#include <QApplication>
#include <QIcon>
#include <QPalette>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>

namespace Cairn {

namespace {

const SettingValue<int> ChosenMode(QStringLiteral("Appearance/Theme"));

QPalette darkPalette()
{
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    const QColor highlight(0x35, 0x84, 0xe4);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::red);
    palette.setColor(QPalette::Link, QColor(0x78, 0xae, 0xed));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Light, QColor(0x40, 0x40, 0x40));
    palette.setColor(QPalette::Midlight, QColor(0x38, 0x38, 0x38));
    palette.setColor(QPalette::Mid, QColor(0x24, 0x24, 0x24));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
        palette.setColor(QPalette::Disabled, role, disabled);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x40, 0x40, 0x40));
    return palette;
}

bool desktopIsDark()
{
    // The palette the platform gave, read before the first apply() replaces it.
    static const bool dark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    return dark;
}

} // namespace

void Theme::apply(Mode mode)
{
    const bool dark = mode == Mode::Dark || (mode == Mode::FollowDesktop && desktopIsDark());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    // Desktops without an icon theme (and offscreen rendering) use Adwaita, which Debian's
    // desktops install; a theme that lacks an icon falls back to it too.
    QStringList searched = QIcon::themeSearchPaths();
    for (const QString &folder :
         QStandardPaths::locateAll(QStandardPaths::GenericDataLocation, QStringLiteral("icons"),
                                   QStandardPaths::LocateDirectory)) {
        if (!searched.contains(folder))
            searched << folder;
    }
    QIcon::setThemeSearchPaths(searched);
    QIcon::setFallbackThemeName(QStringLiteral("Adwaita"));
    if (QIcon::themeName().isEmpty() || QIcon::themeName() == QLatin1String("hicolor"))
        QIcon::setThemeName(QStringLiteral("Adwaita"));
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
}

Theme::Mode Theme::chosen()
{
    const int mode = ChosenMode.get(int(Mode::FollowDesktop));
    return mode == int(Mode::Light) || mode == int(Mode::Dark) ? Mode(mode) : Mode::FollowDesktop;
}

void Theme::choose(Mode mode)
{
    ChosenMode.set(int(mode));
    apply(mode);
}

} // namespace Cairn
