#include "TopologyImportForm.h"

#include "io/TopologyFiles.h"
#include "routing/MultipartForm.h"

namespace Cairn {

Result<TopologyImportForm> TopologyImportForm::read(const QString &dataDir,
                                                    const QByteArray &contentType,
                                                    const QByteArray &body)
{
    const Result<QHash<QString, MultipartForm::Part>> form =
        MultipartForm::parse(contentType, body);
    if (!form)
        return form.error();
    const auto file = form->constFind(QStringLiteral("file"));
    if (file == form->cend())
        return Error::invalidField(
            QStringLiteral("file"),
            QStringLiteral("The spreadsheet to import (.xlsx, .xls or .csv) as a file field."));
    const QString replaceText =
        QString::fromUtf8(form->value(QStringLiteral("replace")).data.toByteArray()).trimmed();
    const bool replace =
        replaceText.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || replaceText == u"1";
    if (!replaceText.isEmpty() && !replace &&
        replaceText.compare(QLatin1String("false"), Qt::CaseInsensitive) != 0 &&
        replaceText != u"0")
        return Error::invalidField(QStringLiteral("replace"), QStringLiteral("true or false."));
    const Result<QString> upload = TopologyFiles(dataDir).storeUpload(file->data);
    if (!upload)
        return upload.error();
    return TopologyImportForm{upload.value(), file->fileName, replace};
}

} // namespace Cairn
