#include "MetricsController.h"

#include "ApiSettings.h"
#include "CoreServices.h"
#include "PrometheusText.h"
#include "cluster/ClusterNodeRepository.h"
#include "db/ThreadConnection.h"
#include "routing/FaceErrors.h"
#include "routing/Router.h"

#include <QCryptographicHash>
#include <algorithm>
#include <array>

namespace Cairn {

namespace {

// Compares in a time that does not depend on where the two first differ.
bool sameDigest(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference = char(difference | (a.at(i) ^ b.at(i)));
    return difference == 0;
}

// Headers a proxy adds: present at all (even empty, even twice), the request came through one.
constexpr std::array<const char *, 3> ForwardingHeaders{"x-forwarded-for", "forwarded",
                                                        "x-real-ip"};

// Null when the caller may scrape; else the answer saying why not.
std::optional<HttpResponse> refusal(const ApiRequest &request, const MetricsAccess &access)
{
    // A proxy on this machine (nginx in front of a cluster) makes every client look local:
    // a forwarded request is let in by the token only.
    const bool forwarded = std::any_of(
        request.http.headers.cbegin(), request.http.headers.cend(), [](const auto &header) {
            return std::any_of(ForwardingHeaders.begin(), ForwardingHeaders.end(),
                               [&](const char *name) {
                                   return header.first.compare(name, Qt::CaseInsensitive) == 0;
                               });
        });
    const bool fromAllowed =
        !forwarded && std::any_of(access.allowed.cbegin(), access.allowed.cend(),
                                  [&](const QPair<QHostAddress, int> &subnet) {
                                      return request.http.peer.isInSubnet(subnet);
                                  });
    if (fromAllowed)
        return std::nullopt;
    const QByteArray authorization = request.http.header("authorization");
    if (!access.tokenSha256.isEmpty() && authorization.left(7).toLower() == "bearer ") {
        const QByteArray digest =
            QCryptographicHash::hash(authorization.mid(7).trimmed(), QCryptographicHash::Sha256);
        if (sameDigest(digest, access.tokenSha256))
            return std::nullopt;
    }
    if (!access.tokenSha256.isEmpty() && authorization.isEmpty())
        return FaceErrors::response(Face::Native, 401,
                                    Error{ErrorCode::Unauthorized,
                                          QStringLiteral("Metrics need the scrape token."),
                                          {}})
            .withHeader("WWW-Authenticate", "Bearer");
    return FaceErrors::response(
        Face::Native, Error::forbidden(QStringLiteral("Metrics are not served to this address.")));
}

void requests(PrometheusText &out, const QHash<QByteArray, RequestMetrics::Route> &totals)
{
    QList<QByteArray> routes = totals.keys();
    std::sort(routes.begin(), routes.end());
    out.family("cairn_http_requests_total", "counter",
               "Requests answered, by the route they matched and their status.");
    for (const QByteArray &route : std::as_const(routes)) {
        const RequestMetrics::Route &figures = totals.value(route);
        QList<int> statuses = figures.byStatus.keys();
        std::sort(statuses.begin(), statuses.end());
        for (const int status : std::as_const(statuses))
            out.sample("cairn_http_requests_total",
                       {{"route", route}, {"status", QByteArray::number(status)}},
                       double(figures.byStatus.value(status)));
    }
    out.family("cairn_http_request_duration_seconds", "histogram",
               "Time from a request's arrival to its answer written, by route.");
    for (const QByteArray &route : std::as_const(routes))
        out.histogram("cairn_http_request_duration_seconds", {{"route", route}},
                      totals.value(route).latency);
}

void jobs(PrometheusText &out, JobManager &manager)
{
    const QHash<QString, JobManager::KindFigures> figures = manager.figures();
    QStringList kinds = figures.keys();
    kinds.sort();
    out.family("cairn_jobs", "gauge", "Jobs of this node waiting or running now, by kind.");
    for (const QString &kind : std::as_const(kinds)) {
        const QByteArray name = kind.toUtf8();
        out.sample("cairn_jobs", {{"kind", name}, {"state", "queued"}},
                   double(figures.value(kind).queued));
        out.sample("cairn_jobs", {{"kind", name}, {"state", "running"}},
                   double(figures.value(kind).running));
    }
    out.family("cairn_jobs_ended_total", "counter",
               "Jobs of this node that ended since it started, by kind and how they ended.");
    for (const QString &kind : std::as_const(kinds)) {
        const QHash<QString, qint64> &ended = figures.value(kind).ended;
        QStringList states = ended.keys();
        states.sort();
        for (const QString &state : std::as_const(states))
            out.sample("cairn_jobs_ended_total",
                       {{"kind", kind.toUtf8()}, {"state", state.toUtf8()}},
                       double(ended.value(state)));
    }
    const JobManager::ClaimFigures claims = manager.claimFigures();
    out.family("cairn_job_claims_total", "counter",
               "Jobs this node took from the shared job queue since it started.");
    out.sample("cairn_job_claims_total", {}, double(claims.jobs));
    out.family("cairn_job_claim_duration_seconds", "histogram",
               "How long each claim on the shared job queue that took jobs lasted.");
    out.histogram("cairn_job_claim_duration_seconds", {}, claims.took);
}

void process(PrometheusText &out, CoreServices &core)
{
    out.family("cairn_database_connections", "gauge",
               "Database connections this process holds open (one per thread that used one).");
    out.sample("cairn_database_connections", {}, ThreadConnection::openCount());
    out.family("cairn_device_sessions", "gauge",
               "SSH sessions to devices kept open, and of those the idle ones.");
    out.sample("cairn_device_sessions", {{"state", "open"}}, core.sessions().openSessions());
    out.sample("cairn_device_sessions", {{"state", "idle"}}, core.sessions().idleSessions());
    const ZtpService::RegistrationCounts registrations = core.ztp().registrationCounts();
    out.family("cairn_ztp_registrations_total", "counter",
               "Switches' registrations (POST /nodes) answered, by outcome.");
    out.sample("cairn_ztp_registrations_total", {{"outcome", "created"}},
               double(registrations.created));
    out.sample("cairn_ztp_registrations_total", {{"outcome", "known"}},
               double(registrations.known));
    out.sample("cairn_ztp_registrations_total", {{"outcome", "refused"}},
               double(registrations.refused));
    out.family("cairn_scheduler_firings_total", "counter",
               "Scheduled task firings this node claimed since it started.");
    out.sample("cairn_scheduler_firings_total", {}, double(core.taskScheduler().firings()));
    out.family("cairn_scheduler_lag_seconds", "gauge",
               "How late after its time the last firing this node claimed started.");
    out.sample("cairn_scheduler_lag_seconds", {}, double(core.taskScheduler().lastLagMs()) / 1000);
}

void cluster(PrometheusText &out, CoreServices &core)
{
    const Result<QList<ClusterNode>> nodes = ClusterNodeRepository(core.database()).recent(0);
    if (!nodes)
        return;
    out.family("cairn_cluster_nodes_up", "gauge", "Server nodes beating on this database.");
    out.sample("cairn_cluster_nodes_up", {},
               double(std::count_if(nodes->cbegin(), nodes->cend(), [](const ClusterNode &node) {
                   return node.state == ClusterNode::State::Up;
               })));
}

} // namespace

void MetricsController::registerRoutes(Router &router, CoreServices &core,
                                       const ApiSettings &settings, RequestTotals requestTotals)
{
    RouteSpec spec;
    spec.method = "GET";
    spec.path = QStringLiteral("/metrics");
    spec.face = Face::Native;
    spec.summary = QStringLiteral("Prometheus metrics");
    spec.description = QStringLiteral(
        "The Prometheus text format (0.0.4). Not for API users: served to the addresses in "
        "`[metrics] allow` (loopback by default) and to a scraper presenting `Authorization: "
        "Bearer <token>` whose SHA-256 is `[metrics] token_sha256`; 401 or 403 otherwise.");
    // Its own access rule (addresses, a scrape token), checked by the handler.
    spec.isPublic = true;
    router.add(spec, [&core, access = settings.metrics,
                      requestTotals = std::move(requestTotals)](const ApiRequest &request) {
        if (const std::optional<HttpResponse> refused = refusal(request, access))
            return *refused;
        PrometheusText out;
        requests(out, requestTotals());
        jobs(out, core.jobs());
        process(out, core);
        cluster(out, core);
        return HttpResponse::bytes(out.text(), "text/plain; version=0.0.4; charset=utf-8");
    });
}

} // namespace Cairn
