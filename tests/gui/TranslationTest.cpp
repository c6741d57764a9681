#include <QFile>
#include <QXmlStreamReader>
#include <gtest/gtest.h>

namespace {

// The build runs lupdate first, so every tr() string of the GUI is in the catalogue; one
// without a finished German translation fails here, naming it.
TEST(Translation, EveryStringOfTheGuiHasAFinishedGermanTranslation)
{
    QFile file(QStringLiteral(CAIRN_SOURCE_DIR "/translations/cairn_de.ts"));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    int messages = 0;
    QStringList untranslated;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            ++messages;
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                untranslated << context + QStringLiteral(": ") + source;
        }
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_GT(messages, 100);
    EXPECT_TRUE(untranslated.isEmpty()) << untranslated.size() << " untranslated:\n"
                                        << untranslated.join(QLatin1Char('\n')).toStdString();
}

} // namespace
