#pragma once

#include <QString>

namespace Cairn {

// The API family a route belongs to; it decides the shape of errors and the auth challenge.
enum class Face
{
    Native, // /api/<plural>/ for resources with no face in the seeds; NSoT conventions
    Nsot,
    Enms,
    Toolkit,
    Enomalism,
    Ztp,
    Docs,
};

QString faceName(Face face);
// The face of an unknown path, so even a 404 speaks the dialect its client expects.
Face faceForPath(const QString &path);

} // namespace Cairn
