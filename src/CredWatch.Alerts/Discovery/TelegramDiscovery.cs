using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredWatch.Alerts;

/// <summary>
/// Zero-config discovery of the bot(s) and chat(s) OpenClaw's Telegram channel serves (docs/openclaw-observed.md),
/// with CredWatch's explicit settings layered on top. Never throws on bad input: every problem is a note.
/// Notes never contain a token.
/// </summary>
internal sealed class TelegramDiscovery(TelegramOptions options, Func<string, string?> env)
{
    private const string DefaultAccount = "default";
    private const long MaxTokenFileBytes = 4096;

    public TelegramSetup Discover()
    {
        var notes = new List<string>();
        var configPath = ResolveConfigPath();
        JsonObject? telegram = null;
        if (configPath is not null)
        {
            telegram = LoadTelegramSection(configPath, notes);
        }

        var accounts = new Dictionary<string, BotAccount>(StringComparer.Ordinal);
        var targets = new List<DeliveryTarget>();
        Uri? explicitApi = null;
        if (!string.IsNullOrWhiteSpace(options.ApiUrl))
        {
            explicitApi = ParseApiRoot(options.ApiUrl, "--telegram.api-url", notes);
        }

        if (telegram is not null)
        {
            foreach (var (id, cfg) in EffectiveAccounts(telegram))
            {
                if (cfg["enabled"] is JsonValue en && en.TryGetValue<bool>(out var enabled) && !enabled)
                {
                    notes.Add($"telegram account {id} is disabled in OpenClaw's config");
                    continue;
                }

                var token = ReadToken(cfg, id, configPath!, notes, out var source);
                var api = explicitApi ?? (Str(cfg["apiRoot"]) is { } root ? ParseApiRoot(root, $"channels.telegram{(id == DefaultAccount ? string.Empty : ".accounts." + id)}.apiRoot", notes) : null);
                if (token is null)
                {
                    continue;
                }

                accounts[id] = new BotAccount(id, token, api, source!);
                if (ResolveChat(cfg, id, notes) is { } target)
                {
                    targets.Add(target);
                }
            }
        }

        // Explicit settings win over OpenClaw's config.
        if (!string.IsNullOrWhiteSpace(options.BotTokenFile))
        {
            var token = ReadTokenFile(options.BotTokenFile, allowSymlink: true, "--telegram.bot-token-file", notes);
            if (token is not null)
            {
                accounts[DefaultAccount] = new BotAccount(DefaultAccount, token, explicitApi ?? accounts.GetValueOrDefault(DefaultAccount)?.ApiBase, "--telegram.bot-token-file");
            }
        }

        if (accounts.Count == 0 && env("TELEGRAM_BOT_TOKEN") is { Length: > 0 } envToken && telegram is null)
        {
            // No OpenClaw config at all: the environment fallback still applies to the default account.
            accounts[DefaultAccount] = new BotAccount(DefaultAccount, envToken.Trim(), explicitApi, "env TELEGRAM_BOT_TOKEN");
        }

        var defaultAccount = accounts.ContainsKey(DefaultAccount) ? DefaultAccount : accounts.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(options.ChatId))
        {
            targets.Clear();
            foreach (var spec in options.ChatId.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!ChatSpec.TryParse(spec, out var chat, out var thread))
                {
                    notes.Add($"--telegram.chat-id entry '{spec}' is not a numeric chat id");
                    continue;
                }

                if (defaultAccount is not null)
                {
                    targets.Add(DeliveryTarget.Create(defaultAccount, chat, thread ?? options.ThreadId));
                }
            }
        }
        else if (options.ThreadId is { } thread)
        {
            targets = [.. targets.Select(t => DeliveryTarget.Create(t.AccountId, t.ChatId, thread))];
        }

        foreach (var t in targets.Where(t => !accounts.ContainsKey(t.AccountId)).ToList())
        {
            notes.Add($"no bot token for {t}");
            targets.Remove(t);
        }

        if (accounts.Count == 0)
        {
            notes.Add("no Telegram bot token found (OpenClaw tokenFile/botToken, TELEGRAM_BOT_TOKEN, --telegram.bot-token-file)");
        }
        else if (targets.Count == 0)
        {
            notes.Add("no Telegram chat found (OpenClaw defaultTo, a single allowFrom user or group, --telegram.chat-id)");
        }

        var (commandBot, refusal, commandUsers) = DiscoverCommandBot(telegram, accounts, explicitApi, notes);
        return new TelegramSetup
        {
            CommandBot = commandBot,
            CommandBotRefusal = refusal,
            CommandUsers = commandUsers,
            Accounts = accounts,
            DefaultTargets = [.. targets.Distinct()],
            DefaultAccountId = defaultAccount,
            Notes = notes,
            ConfigPath = configPath,
        };
    }

    private (BotAccount? Bot, string? Refusal, IReadOnlySet<long> Users) DiscoverCommandBot(JsonObject? telegram, Dictionary<string, BotAccount> accounts, Uri? explicitApi, List<string> notes)
    {
        var o = options.CommandBot;
        if (!o.Configured)
        {
            return (null, null, new HashSet<long>());
        }

        var token = !string.IsNullOrWhiteSpace(o.TokenFile)
            ? ReadTokenFile(ExpandHome(o.TokenFile), allowSymlink: true, "Telegram:CommandBot:TokenFile", notes)
            : o.Token!.Trim();
        if (token is null)
        {
            return (null, null, new HashSet<long>());
        }

        if (accounts.Values.FirstOrDefault(a => string.Equals(a.Token, token, StringComparison.Ordinal)) is { } gateway)
        {
            return (null, $"Telegram:CommandBot token is the gateway's own bot token (account {gateway.Id}); CredWatch polls its command bot for updates, which would break the gateway's polling with 409 conflicts: create a second bot with @BotFather", new HashSet<long>());
        }

        var users = !string.IsNullOrWhiteSpace(o.AllowFrom)
            ? o.AllowFrom.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToHashSet()
            : GatewayAllowFrom.Users(telegram, notes);
        if (users.Count == 0)
        {
            notes.Add("command bot: nobody may command it (no numeric allowFrom user in OpenClaw's Telegram config, no Telegram:CommandBot:AllowFrom)");
        }

        var api = explicitApi ?? accounts.GetValueOrDefault(DefaultAccount)?.ApiBase ?? accounts.Values.FirstOrDefault()?.ApiBase;
        return (new BotAccount(TelegramSetup.CommandBotAccountId, token, api, string.IsNullOrWhiteSpace(o.TokenFile) ? "Telegram:CommandBot:Token" : "Telegram:CommandBot:TokenFile"), null, users);
    }

    private string? ResolveConfigPath()
    {
        if (!string.IsNullOrWhiteSpace(options.OpenClawConfigPath))
        {
            return ExpandHome(options.OpenClawConfigPath);
        }

        if (env("OPENCLAW_CONFIG_PATH") is { Length: > 0 } p)
        {
            return ExpandHome(p);
        }

        var state = options.OpenClawStateDir;
        if (string.IsNullOrWhiteSpace(state))
        {
            state = env("OPENCLAW_STATE_DIR");
        }

        if (string.IsNullOrWhiteSpace(state))
        {
            var home = Home();
            if (home is null)
            {
                return null;
            }

            state = Path.Combine(home, ".openclaw");
        }

        return Path.Combine(ExpandHome(state), "openclaw.json");
    }

    private string? Home() => !string.IsNullOrWhiteSpace(options.Home) ? options.Home : env("HOME");

    private string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) && Home() is { } h ? Path.Combine(h, path[2..]) : path;

    private JsonObject? LoadTelegramSection(string path, List<string> notes)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                notes.Add($"OpenClaw config {path} not found");
                return null;
            }

            if (info.Length > 4 * 1024 * 1024)
            {
                notes.Add($"OpenClaw config {path} is too large ({info.Length} bytes)");
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            notes.Add($"OpenClaw config {path} unreadable: {ex.GetType().Name}");
            return null;
        }

        JsonNode? root;
        try
        {
            root = Json5Reader.Parse(text);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            // The parser's messages carry offsets, never content.
            notes.Add($"OpenClaw config {path} is not valid JSON5: {(ex is FormatException ? ex.Message : "invalid JSON")}");
            return null;
        }

        if (root is not JsonObject obj)
        {
            notes.Add($"OpenClaw config {path} is not a JSON object");
            return null;
        }

        if (obj["channels"] is not JsonObject channels || channels["telegram"] is not JsonObject telegram)
        {
            notes.Add($"OpenClaw config {path} has no channels.telegram");
            return null;
        }

        SubstituteEnv(telegram, "channels.telegram", notes);
        return telegram;
    }

    /// <summary>OpenClaw's rule: <c>${UPPER_CASE}</c> in strings, <c>$${X}</c> escapes, missing/empty vars are errors.</summary>
    private void SubstituteEnv(JsonNode node, string path, List<string> notes)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    if (v is JsonValue sv && sv.TryGetValue<string>(out var s))
                    {
                        o[k] = EnvSubstitution.Substitute(s, env, out var missing) is { } r ? JsonValue.Create(r) : null;
                        if (missing is not null)
                        {
                            notes.Add($"env var {missing} referenced at {path}.{k} is not set");
                        }
                    }
                    else if (v is not null)
                    {
                        SubstituteEnv(v, path + "." + k, notes);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue sv && sv.TryGetValue<string>(out var s))
                    {
                        a[i] = EnvSubstitution.Substitute(s, env, out var missing) is { } r ? JsonValue.Create(r) : null;
                        if (missing is not null)
                        {
                            notes.Add($"env var {missing} referenced at {path}[{i}] is not set");
                        }
                    }
                    else if (a[i] is { } child)
                    {
                        SubstituteEnv(child, $"{path}[{i}]", notes);
                    }
                }

                break;
        }
    }

    /// <summary>Account config = the channel-level settings overlaid with <c>accounts.&lt;id&gt;</c> (OpenClaw merges the same way).</summary>
    private static IEnumerable<(string Id, JsonObject Config)> EffectiveAccounts(JsonObject telegram)
    {
        var baseCfg = new JsonObject();
        foreach (var (k, v) in telegram)
        {
            if (k != "accounts")
            {
                baseCfg[k] = v?.DeepClone();
            }
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
            if (accounts![id] is JsonObject acc)
            {
                foreach (var (k, v) in acc)
                {
                    merged[k] = v?.DeepClone();
                }
            }

            yield return (id, merged);
        }
    }

    private string? ReadToken(JsonObject cfg, string accountId, string configPath, List<string> notes, out string? source)
    {
        source = null;
        if (Str(cfg["tokenFile"]) is { } tokenFile)
        {
            var resolved = Path.IsPathRooted(tokenFile) ? tokenFile : Path.Combine(Path.GetDirectoryName(configPath) ?? ".", ExpandHome(tokenFile));
            var token = ReadTokenFile(ExpandHome(resolved), allowSymlink: false, $"account {accountId} tokenFile", notes);
            if (token is not null)
            {
                source = "tokenFile";
                return token;
            }
        }

        switch (cfg["botToken"])
        {
            case JsonValue v when v.TryGetValue<string>(out var s) && s.Trim().Length > 0:
                source = "botToken";
                return s.Trim();
            case JsonObject reference:
                var kind = Str(reference["source"]);
                var id = Str(reference["id"]);
                if (kind == "env" && id is not null && env(id) is { Length: > 0 } fromEnv)
                {
                    source = $"env {id}";
                    return fromEnv.Trim();
                }

                if (kind == "file" && id is not null && Path.IsPathRooted(ExpandHome(id)))
                {
                    var token = ReadTokenFile(ExpandHome(id), allowSymlink: false, $"account {accountId} botToken file", notes);
                    if (token is not null)
                    {
                        source = "botToken file";
                        return token;
                    }
                }

                notes.Add($"account {accountId} botToken reference (source {kind ?? "?"}) could not be resolved");
                break;
        }

        if (accountId == DefaultAccount && env("TELEGRAM_BOT_TOKEN") is { Length: > 0 } envToken)
        {
            source = "env TELEGRAM_BOT_TOKEN";
            return envToken.Trim();
        }

        notes.Add($"account {accountId} has no usable bot token");
        return null;
    }

    private static string? ReadTokenFile(string path, bool allowSymlink, string what, List<string> notes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                notes.Add($"{what}: {path} not found");
                return null;
            }

            if (!allowSymlink && info.LinkTarget is not null)
            {
                // OpenClaw refuses symlinked token files; so do we, or we would alert with a token the gateway never uses.
                notes.Add($"{what}: {path} is a symlink (refused, as OpenClaw does)");
                return null;
            }

            var target = allowSymlink && info.LinkTarget is not null ? new FileInfo(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path) : info;
            if (!target.Exists || (target.Attributes & (FileAttributes.Directory | FileAttributes.Device)) != 0)
            {
                notes.Add($"{what}: {path} is not a regular file");
                return null;
            }

            if (target.Length > MaxTokenFileBytes)
            {
                notes.Add($"{what}: {path} is too large for a token");
                return null;
            }

            var token = File.ReadAllText(target.FullName).Trim();
            if (token.Length == 0)
            {
                notes.Add($"{what}: {path} is empty");
                return null;
            }

            return token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            notes.Add($"{what}: {path} unreadable ({ex.GetType().Name})");
            return null;
        }
    }

    private static Uri? ParseApiRoot(string value, string what, List<string> notes)
    {
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            if (uri.AbsolutePath.Contains("/bot", StringComparison.OrdinalIgnoreCase))
            {
                // A root with /bot<TOKEN> in it is a misconfiguration (and a secret): never echo it.
                notes.Add($"{what} must be a Bot API root without /bot<token>; ignored");
                return null;
            }

            return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        }

        notes.Add($"{what} is not an absolute http(s) URL; ignored");
        return null;
    }

    private static DeliveryTarget? ResolveChat(JsonObject cfg, string accountId, List<string> notes)
    {
        var defaultTo = cfg["defaultTo"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (defaultTo is not null)
        {
            if (ChatSpec.TryParse(defaultTo, out var chat, out var thread))
            {
                return DeliveryTarget.Create(accountId, chat, thread);
            }

            notes.Add($"account {accountId} defaultTo is not a numeric chat id");
        }

        var users = (cfg["allowFrom"] as JsonArray)?.Select(IdOf).Where(id => id is not null).Distinct().ToList() ?? [];
        var groups = (cfg["groups"] as JsonObject)?.Select(kv => kv.Key).Where(k => k != "*").ToList() ?? [];
        if (users.Count == 1 && groups.Count == 0)
        {
            return DeliveryTarget.Create(accountId, users[0]!.Value, null);
        }

        if (groups.Count == 1 && users.Count <= 1 && ChatSpec.TryParse(groups[0], out var g, out _))
        {
            return DeliveryTarget.Create(accountId, g, null);
        }

        notes.Add($"account {accountId}: no defaultTo and not exactly one allowed user or group ({users.Count} users, {groups.Count} groups)");
        return null;
    }

    private static long? IdOf(JsonNode? n) => n switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<string>(out var s) && ChatSpec.TryParse(s, out var id, out _) && id > 0 => id,
        _ => null,
    };

    private static string? Str(JsonNode? n) =>
        n is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
