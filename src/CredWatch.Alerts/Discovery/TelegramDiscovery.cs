using CredWatch.Alerts.Model;

namespace CredWatch.Alerts.Discovery;

/// <summary>
/// The bot(s) and chat(s) OpenClaw's Telegram channel serves, as the host read them from OpenClaw's config
/// (<see cref="OpenClawTelegram"/>), with CredWatch's explicit settings layered on top. Never throws on bad input:
/// every problem is a note. Notes never contain a token.
/// </summary>
internal sealed class TelegramDiscovery(TelegramOptions options, OpenClawTelegram openClaw, Func<string, string?> env)
{
    private const string DefaultAccount = "default";

    public TelegramSetup Discover()
    {
        var notes = new List<string>(openClaw.Notes);
        var accounts = new Dictionary<string, BotAccount>(StringComparer.Ordinal);
        var targets = new List<DeliveryTarget>();
        var explicitApi = string.IsNullOrWhiteSpace(options.ApiUrl) ? null : ParseApiRoot(options.ApiUrl, "--telegram.api-url", notes);

        foreach (var account in openClaw.Accounts)
        {
            var id = account.Id;
            var api = explicitApi ?? (account.ApiRoot is { } root ? ParseApiRoot(root, $"channels.telegram{(id == DefaultAccount ? string.Empty : ".accounts." + id)}.apiRoot", notes) : null);
            accounts[id] = new BotAccount(id, account.Token, api, account.TokenSource);
            if (ResolveChat(account, notes) is { } target)
            {
                targets.Add(target);
            }
        }

        // Explicit settings win over OpenClaw's config.
        if (!string.IsNullOrWhiteSpace(options.BotTokenFile))
        {
            var token = BotTokenFile.Read(options.BotTokenFile, allowSymlink: true, "--telegram.bot-token-file", notes);
            if (token is not null)
            {
                accounts[DefaultAccount] = new BotAccount(DefaultAccount, token, explicitApi ?? accounts.GetValueOrDefault(DefaultAccount)?.ApiBase, "--telegram.bot-token-file");
            }
        }

        if (accounts.Count == 0 && env("TELEGRAM_BOT_TOKEN") is { Length: > 0 } envToken && !openClaw.HasChannel)
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

        var (commandBot, refusal, commandUsers) = DiscoverCommandBot(accounts, explicitApi, notes);
        return new TelegramSetup
        {
            CommandBot = commandBot,
            CommandBotRefusal = refusal,
            CommandUsers = commandUsers,
            Accounts = accounts,
            DefaultTargets = [.. targets.Distinct()],
            DefaultAccountId = defaultAccount,
            Notes = notes,
            ConfigPath = openClaw.ConfigPath,
        };
    }

    private (BotAccount? Bot, string? Refusal, IReadOnlySet<long> Users) DiscoverCommandBot(Dictionary<string, BotAccount> accounts, Uri? explicitApi, List<string> notes)
    {
        var o = options.CommandBot;
        if (!o.Configured)
        {
            return (null, null, new HashSet<long>());
        }

        var token = !string.IsNullOrWhiteSpace(o.TokenFile)
            ? BotTokenFile.Read(o.TokenFile, allowSymlink: true, "Telegram:CommandBot:TokenFile", notes)
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
            ? [.. o.AllowFrom.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ChatSpec.UserId).OfType<long>()]
            : GatewayUsers(notes);
        if (users.Count == 0)
        {
            notes.Add("command bot: nobody may command it (no numeric allowFrom user in OpenClaw's Telegram config, no Telegram:CommandBot:AllowFrom)");
        }

        var api = explicitApi ?? accounts.GetValueOrDefault(DefaultAccount)?.ApiBase ?? accounts.Values.FirstOrDefault()?.ApiBase;
        return (new BotAccount(TelegramSetup.CommandBotAccountId, token, api, string.IsNullOrWhiteSpace(o.TokenFile) ? "Telegram:CommandBot:Token" : "Telegram:CommandBot:TokenFile"), null, users);
    }

    /// <summary>
    /// The users OpenClaw's gateway itself takes DMs from: each account's <c>allowFrom</c> (the host already overlaid
    /// <c>accounts.&lt;id&gt;</c> on <c>channels.telegram</c>, as OpenClaw 2026.9.6 merges). A <c>*</c> or an
    /// <c>accessGroup:</c> entry grants nothing here: commanding a retry is not something to open to everyone, and
    /// access groups live outside the channel section.
    /// </summary>
    private HashSet<long> GatewayUsers(List<string> notes)
    {
        var ids = openClaw.Accounts.SelectMany(a => a.AllowFrom).Distinct(StringComparer.Ordinal).Select(ChatSpec.UserId).ToList();
        var skipped = ids.Count(id => id is null);
        if (skipped > 0)
        {
            notes.Add($"{skipped} allowFrom entr{(skipped == 1 ? "y" : "ies")} of OpenClaw's Telegram config (\"*\", access groups, names) grant no command bot access");
        }

        return [.. ids.OfType<long>()];
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

    private static DeliveryTarget? ResolveChat(OpenClawTelegramAccount account, List<string> notes)
    {
        if (account.DefaultTo is { } defaultTo)
        {
            if (ChatSpec.TryParse(defaultTo, out var chat, out var thread))
            {
                return DeliveryTarget.Create(account.Id, chat, thread);
            }

            notes.Add($"account {account.Id} defaultTo is not a numeric chat id");
        }

        var users = account.AllowFrom.Select(ChatSpec.UserId).OfType<long>().Distinct().ToList();
        var groups = account.Groups;
        if (users.Count == 1 && groups.Count == 0)
        {
            return DeliveryTarget.Create(account.Id, users[0], null);
        }

        if (groups.Count == 1 && users.Count <= 1 && ChatSpec.TryParse(groups[0], out var g, out _))
        {
            return DeliveryTarget.Create(account.Id, g, null);
        }

        notes.Add($"account {account.Id}: no defaultTo and not exactly one allowed user or group ({users.Count} users, {groups.Count} groups)");
        return null;
    }
}
