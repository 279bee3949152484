using System.Globalization;
using System.Text.Json.Nodes;
using CredWatch.Alerts;
using CredWatch.Alerts.Discovery;

namespace CredWatch.Exporter.OpenClaw;

/// <summary>
/// OpenClaw's <c>channels.telegram</c> (docs/openclaw-observed.md) as the Alerts library takes it: each account's
/// settings are the channel's overlaid with <c>accounts.&lt;id&gt;</c>; its token is <c>tokenFile</c> (symlinks refused,
/// as OpenClaw refuses them), else <c>botToken</c> (a string or an env/file reference), else — for the default account
/// — <c>$TELEGRAM_BOT_TOKEN</c>. Notes never contain a token.
/// </summary>
internal static class TelegramChannel
{
    private const string DefaultAccount = "default";

    public static OpenClawTelegram Read(InstallationSnapshot home)
    {
        var config = home.Config;
        var path = config.Path;
        if (!config.Exists)
        {
            return new OpenClawTelegram(path, false, [], [$"OpenClaw config {path} not found"]);
        }

        if (config.Problem is { } problem)
        {
            return new OpenClawTelegram(path, false, [], [problem]);
        }

        if (config.At("channels.telegram") is not JsonObject telegram)
        {
            return new OpenClawTelegram(path, false, [], [$"OpenClaw config {path} has no channels.telegram"]);
        }

        var notes = config.Notes.Where(n => n.Contains(" channels.telegram", StringComparison.Ordinal)).ToList();
        var accounts = new List<OpenClawTelegramAccount>();
        foreach (var (id, cfg) in EffectiveAccounts(telegram))
        {
            if (cfg["enabled"] is JsonValue en && en.TryGetValue<bool>(out var enabled) && !enabled)
            {
                notes.Add($"telegram account {id} is disabled in OpenClaw's config");
                continue;
            }

            if (ReadToken(cfg, id, home, notes) is { } token)
            {
                accounts.Add(new OpenClawTelegramAccount(id, token.Value, token.Source, Str(cfg["apiRoot"]), ChatOf(cfg["defaultTo"]),
                    [.. (cfg["allowFrom"] as JsonArray ?? []).Select(ChatOf).OfType<string>()],
                    [.. (cfg["groups"] as JsonObject ?? []).Select(kv => kv.Key).Where(k => k != "*")]));
            }
        }

        return new OpenClawTelegram(path, true, accounts, notes);
    }

    /// <summary>Account config = the channel-level settings overlaid with <c>accounts.&lt;id&gt;</c> (OpenClaw merges the same way).</summary>
    private static IEnumerable<(string Id, JsonObject Config)> EffectiveAccounts(JsonObject telegram)
    {
        var baseCfg = new JsonObject();
        foreach (var (k, v) in telegram.Where(kv => kv.Key != "accounts"))
        {
            baseCfg[k] = v?.DeepClone();
        }

        var accounts = telegram["accounts"] as JsonObject;
        var listed = accounts?.Select(kv => kv.Key).ToList() ?? [];
        var hasBaseToken = baseCfg["tokenFile"] is not null || baseCfg["botToken"] is not null;
        if (!listed.Contains(DefaultAccount) && (listed.Count == 0 || hasBaseToken))
        {
            yield return (DefaultAccount, baseCfg);
        }

        foreach (var id in listed)
        {
            var merged = (JsonObject)baseCfg.DeepClone();
            foreach (var (k, v) in accounts![id] as JsonObject ?? [])
            {
                merged[k] = v?.DeepClone();
            }

            yield return (id, merged);
        }
    }

    private static (string Value, string Source)? ReadToken(JsonObject cfg, string accountId, InstallationSnapshot home, List<string> notes)
    {
        if (Str(cfg["tokenFile"]) is { } tokenFile
            && BotTokenFile.Read(FileIn(tokenFile, home), allowSymlink: false, $"account {accountId} tokenFile", notes) is { } fromFile)
        {
            return (fromFile, "tokenFile");
        }

        switch (cfg["botToken"])
        {
            case JsonValue v when v.TryGetValue<string>(out var s) && s.Trim().Length > 0:
                return (s.Trim(), "botToken");
            case JsonObject reference:
                var kind = Str(reference["source"]);
                var id = Str(reference["id"]);
                if (kind == "env" && id is not null && home.Environment.Variable(id) is { Length: > 0 } fromEnv)
                {
                    return (fromEnv.Trim(), $"env {id}");
                }

                if (kind == "file" && id is not null && (id.StartsWith('~') || Path.IsPathRooted(id))
                    && BotTokenFile.Read(home.Environment.Expand(id)!, allowSymlink: false, $"account {accountId} botToken file", notes) is { } fromRef)
                {
                    return (fromRef, "botToken file");
                }

                notes.Add($"account {accountId} botToken reference (source {kind ?? "?"}) could not be resolved");
                break;
        }

        if (accountId == DefaultAccount && home.Environment.Variable("TELEGRAM_BOT_TOKEN") is { Length: > 0 } envToken)
        {
            return (envToken.Trim(), "env TELEGRAM_BOT_TOKEN");
        }

        notes.Add($"account {accountId} has no usable bot token");
        return null;
    }

    /// <summary>A token file path: <c>~</c> is HOME, a relative one is relative to the config's directory.</summary>
    private static string FileIn(string path, InstallationSnapshot home) =>
        home.Environment.Expand(path.StartsWith('~') ? path : Path.GetFullPath(path, Path.GetDirectoryName(Path.GetFullPath(home.ConfigPath))!))!;

    /// <summary>A chat as written: a string, or a number (OpenClaw accepts both for ids).</summary>
    private static string? ChatOf(JsonNode? n) => n switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string? Str(JsonNode? n) =>
        n is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
