#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

namespace Cairn {

// One remembered setting of the desktop (a dialog's size, a header's layout), under a key such
// as "Inventory/DeviceDialog/Size" in the user's QSettings.
template <typename T> class SettingValue
{
public:
    explicit SettingValue(QString key)
        : m_key(std::move(key))
    {
    }

    T get(const T &fallback = T()) const
    {
        return QSettings().value(m_key, QVariant::fromValue(fallback)).template value<T>();
    }

    void set(const T &value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }

private:
    QString m_key;
};

} // namespace Cairn
