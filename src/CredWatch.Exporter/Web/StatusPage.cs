using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CredWatch.Exporter.Metrics;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Web;

/// <summary>
/// The page at <c>/</c>: what a person opening CredWatch in a browser (or on a phone) wants to know first. Problems
/// come first, in colour and in words (colour alone says nothing to a colour-blind reader); every problem shows the
/// command that fixes it. Server-rendered HTML and CSS, no script. Built from the same lines as <c>credwatch check</c>
/// (no IO) and from the <c>/api/status</c> document's component sections.
/// </summary>
internal static class StatusPage
{
    private const string Css = """
        :root{color-scheme:light;--crit:#b3261e;--crit-bg:#fde7e6;--warn:#8a5300;--warn-bg:#fff1d6;--ok:#1e6b34;--ok-bg:#e4f4e8;--muted:#5f6368}
        *{box-sizing:border-box}
        body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:16px;color:#1f1f1f;background:#fafafa;max-width:1100px}
        h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.15rem;margin:24px 0 8px}
        .meta{color:var(--muted);font-size:.9rem;margin:0 0 12px}
        .banner{padding:12px 16px;border-radius:8px;font-weight:600;margin:8px 0 16px}
        .banner.critical{background:var(--crit-bg);color:var(--crit);border-left:6px solid var(--crit)}
        .banner.warning{background:var(--warn-bg);color:var(--warn);border-left:6px solid var(--warn)}
        .banner.ok{background:var(--ok-bg);color:var(--ok);border-left:6px solid var(--ok)}
        .problem{background:#fff;border:1px solid #ddd;border-left:6px solid var(--warn);border-radius:8px;padding:10px 14px;margin:8px 0}
        .problem.critical{border-left-color:var(--crit)}
        .problem p{margin:4px 0}
        .badge{display:inline-block;font-size:.75rem;font-weight:700;letter-spacing:.04em;padding:2px 8px;border-radius:10px;white-space:nowrap}
        .badge.critical{background:var(--crit);color:#fff}.badge.warning{background:#e0a000;color:#1f1f1f}
        .badge.ok{background:var(--ok-bg);color:var(--ok)}.badge.unknown,.badge.off{background:#e8eaed;color:#3c4043}
        code{font:14px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f4;padding:2px 6px;border-radius:4px;overflow-wrap:anywhere}
        .fix code{display:inline-block;margin-top:2px;background:#202124;color:#f1f3f4}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #ddd;border-radius:8px}
        th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #eee;vertical-align:top}
        th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        tr.critical td{background:var(--crit-bg)}tr.critical td:first-child{box-shadow:inset 6px 0 0 var(--crit)}
        tr.warning td{background:var(--warn-bg)}tr.warning td:first-child{box-shadow:inset 6px 0 0 #e0a000}
        .components{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:10px}
        .component{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 14px}
        .component h3{font-size:1rem;margin:0 0 4px}
        footer{margin-top:24px;color:var(--muted);font-size:.85rem}footer a{color:inherit}
        @media (max-width:700px){
          table,thead,tbody,tr,td{display:block;width:100%}thead{display:none}
          tr{border-bottom:2px solid #ddd;padding:6px 0}td{border:0;padding:3px 10px}
          td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
          tr.critical td:first-child,tr.warning td:first-child{box-shadow:none}
          tr.critical{border-left:6px solid var(--crit)}tr.warning{border-left:6px solid #e0a000}
        }
        """;

    public static string Render(RegistryState state, byte[] statusJson, DateTimeOffset now, TimeSpan warningWindow)
    {
        var lines = CoreCheckLines.For(state, now, warningWindow);
        var problems = lines.Where(l => l.Severity is CheckSeverity.Warning or CheckSeverity.Critical)
            .OrderByDescending(l => l.Severity).ThenBy(l => l.Subject, StringComparer.Ordinal).ToList();
        var credentials = lines.Where(l => l.Credential is not null)
            .OrderByDescending(l => l.Severity).ThenBy(l => l.Credential!.Agent ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(l => l.Credential!.Profile, StringComparer.Ordinal).ToList();
        using var doc = JsonDocument.Parse(statusJson);

        var sb = new StringBuilder(16 * 1024);
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<meta http-equiv=\"refresh\" content=\"30\">");
        var worst = problems.Count == 0 ? CheckSeverity.Ok : problems[0].Severity;
        sb.Append("<title>").Append(worst == CheckSeverity.Ok ? "CredWatch: OK" : $"CredWatch: {problems.Count} problem(s)").Append("</title>");
        sb.Append("<style>").Append(Css).Append("</style></head><body>");
        sb.Append("<h1>CredWatch</h1><p class=\"meta\">version ").Append(Enc(BuildIdentity.Version))
          .Append(" · last scan ").Append(state.LastScanAt is { } scan ? Enc($"{scan.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({Ago(now - scan)})") : "not finished yet")
          .Append(" · page rendered ").Append(Enc($"{now.UtcDateTime:HH:mm:ss} UTC")).Append("</p>");

        Banner(sb, state, problems);
        if (problems.Count > 0)
        {
            sb.Append("<h2>Problems</h2>");
            foreach (var p in problems)
            {
                var level = Level(p.Severity);
                sb.Append("<div class=\"problem ").Append(level).Append("\"><p><span class=\"badge ").Append(level).Append("\">")
                  .Append(p.Severity.ToString().ToUpperInvariant()).Append("</span> <strong>").Append(Enc(p.Subject)).Append("</strong></p><p>")
                  .Append(Enc(p.Message)).Append("</p>");
                if (p.Fix() is { } fix)
                {
                    sb.Append("<p class=\"fix\">Fix: <code>").Append(Enc(fix)).Append("</code></p>");
                }

                sb.Append("</div>");
            }
        }

        Credentials(sb, credentials, now);
        Components(sb, doc.RootElement);
        sb.Append("<footer>CredWatch ").Append(Enc(BuildIdentity.Version)).Append(" (revision ").Append(Enc(Short(BuildIdentity.Revision)))
          .Append(", ").Append(Enc(BuildIdentity.Runtime)).Append(") · <a href=\"/metrics\">/metrics</a> · <a href=\"/api/status\">/api/status</a>")
          .Append(" · <a href=\"/healthz\">/healthz</a> · <a href=\"/readyz\">/readyz</a></footer></body></html>");
        return sb.ToString();
    }

    private static void Banner(StringBuilder sb, RegistryState state, List<CheckLine> problems)
    {
        var critical = problems.Count(p => p.Severity == CheckSeverity.Critical);
        var warning = problems.Count - critical;
        var (level, text) = !state.Ready ? ("warning", "First scan not finished yet")
            : critical > 0 ? ("critical", $"{critical} critical problem(s){(warning > 0 ? $", {warning} warning(s)" : string.Empty)}: fix commands below")
            : warning > 0 ? ("warning", $"{warning} warning(s): see below")
            : !state.Stores.Values.Any(e => e.Snapshot.Up) ? ("warning", "No credential store found yet")
            : ("ok", "All credentials are in sync");
        sb.Append("<div class=\"banner ").Append(level).Append("\" role=\"status\">").Append(Enc(text)).Append("</div>");
    }

    private static void Credentials(StringBuilder sb, List<CheckLine> credentials, DateTimeOffset now)
    {
        sb.Append("<h2>Credentials</h2>");
        if (credentials.Count == 0)
        {
            sb.Append("<p>No OAuth credential found in any store.</p>");
            return;
        }

        sb.Append("<table><thead><tr><th>Status</th><th>Agent</th><th>Profile</th><th>Provider</th><th>State</th><th>Expires</th><th>Fix</th></tr></thead><tbody>");
        foreach (var l in credentials)
        {
            var c = l.Credential!;
            var level = Level(l.Severity);
            sb.Append("<tr class=\"").Append(level).Append("\">")
              .Append("<td data-label=\"Status\"><span class=\"badge ").Append(level).Append("\">").Append(l.Severity.ToString().ToUpperInvariant()).Append("</span></td>")
              .Append("<td data-label=\"Agent\">").Append(Enc(c.Agent ?? (c.Store == StoreLabels.OpenClawShared ? "shared store" : c.Store))).Append("</td>")
              .Append("<td data-label=\"Profile\">").Append(Enc(c.Profile)).Append("</td>")
              .Append("<td data-label=\"Provider\">").Append(Enc(c.Provider)).Append("</td>")
              .Append("<td data-label=\"State\">").Append(Enc(c.State.Replace('_', ' '))).Append("</td>")
              .Append("<td data-label=\"Expires\">").Append(Enc(Countdown(c, now))).Append("</td>")
              .Append("<td data-label=\"Fix\">").Append(l.Fix() is { } fix ? $"<code>{Enc(fix)}</code>" : "—").Append("</td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void Components(StringBuilder sb, JsonElement status)
    {
        sb.Append("<h2>Inputs</h2><div class=\"components\">");
        Component(sb, "Gateway logs", LogsHealth(status));
        Component(sb, "Task ledger", LedgerHealth(status));
        Component(sb, "Telegram alerts", TelegramHealth(status));
        sb.Append("</div>");
    }

    private static (string Level, string Word, string Text) LogsHealth(JsonElement status)
    {
        if (!status.TryGetProperty("logs", out var logs))
        {
            return ("off", "OFF", "log tailing is disabled");
        }

        var files = logs.GetProperty("followedFiles").GetArrayLength();
        var journald = logs.TryGetProperty("journald", out var j) && j.ValueKind == JsonValueKind.True;
        var signals = logs.TryGetProperty("recentSignals", out var s) ? s.GetArrayLength() : 0;
        return files > 0 || journald
            ? ("ok", "OK", $"following {files} file(s){(journald ? " and the journal" : string.Empty)}; {signals} recent signal(s)")
            : ("warning", "WAITING", "no gateway log file found yet (picked up when one appears)");
    }

    private static (string Level, string Word, string Text) LedgerHealth(JsonElement status)
    {
        if (!status.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Object)
        {
            return ("off", "OFF", "task ledger watching is disabled");
        }

        if (tasks.GetProperty("up").GetBoolean())
        {
            var undelivered = tasks.GetProperty("undelivered").GetInt32();
            return (undelivered > 0 ? "warning" : "ok", undelivered > 0 ? "UNDELIVERED" : "OK",
                $"{tasks.GetProperty("totalTasks").GetInt32()} task(s), {undelivered} undelivered result(s)");
        }

        var reason = tasks.TryGetProperty("reason", out var r) ? r.GetString() : null;
        var detail = tasks.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return reason == "not_found"
            ? ("off", "NONE", "no task ledger on this host (read once it appears)")
            : ("warning", "UNREADABLE", $"{reason}: {detail}");
    }

    private static (string Level, string Word, string Text) TelegramHealth(JsonElement status)
    {
        if (!status.TryGetProperty("alerts", out var alerts) || !alerts.GetProperty("enabled").GetBoolean())
        {
            return ("off", "OFF", "CredWatch's own alerts are disabled");
        }

        if (!alerts.GetProperty("telegramConfigured").GetBoolean())
        {
            return ("off", "OFF", "no Telegram configured (alert through Alertmanager instead, or set --telegram.chat-id)");
        }

        var outbox = alerts.GetProperty("outboxDepth").GetInt32();
        return alerts.GetProperty("canSend").GetBoolean()
            ? (outbox > 0 ? "warning" : "ok", outbox > 0 ? "QUEUED" : "OK", $"sending to {alerts.GetProperty("targets").GetArrayLength()} chat(s); {outbox} alert(s) waiting in the outbox")
            : ("critical", "CANNOT SEND", string.Join("; ", alerts.GetProperty("notes").EnumerateArray().Select(n => n.GetString())) is { Length: > 0 } notes ? notes : "Telegram is configured but no bot token is usable");
    }

    private static void Component(StringBuilder sb, string title, (string Level, string Word, string Text) health) =>
        sb.Append("<div class=\"component\"><h3>").Append(Enc(title)).Append(" <span class=\"badge ").Append(health.Level).Append("\">")
          .Append(Enc(health.Word)).Append("</span></h3><div>").Append(Enc(health.Text)).Append("</div></div>");

    private static string Countdown(CheckCredential c, DateTimeOffset now)
    {
        if (c.ExpiresAt is not { } at)
        {
            return "not recorded";
        }

        var what = c.ExpiryOf == "login" ? "login" : "access token";
        return at > now ? $"{what} ends in {Span(at - now)}" : $"{what} ended {Span(now - at)} ago";
    }

    private static string Ago(TimeSpan span) => span < TimeSpan.FromSeconds(1) ? "just now" : Span(span) + " ago";

    private static string Span(TimeSpan span) =>
        span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h {span.Minutes} min")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalSeconds)} s");

    private static string Level(CheckSeverity s) => s switch
    {
        CheckSeverity.Critical => "critical",
        CheckSeverity.Warning => "warning",
        CheckSeverity.Unknown => "unknown",
        _ => "ok",
    };

    private static string Short(string revision) => revision.Length > 12 ? revision[..12] : revision;

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
