using System.CommandLine;

namespace CredWatch.Exporter.Cli;

/// <summary>Options every verb accepts (recursive on the root command); each maps to a configuration key.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Home { get; } = new("--home") { Description = "Resolve every default path under DIR instead of $HOME", Recursive = true, HelpName = "DIR" };

    public Option<string?> Config { get; } = new("--config") { Description = "JSON configuration file (section \"CredWatch\")", Recursive = true, HelpName = "FILE" };

    public Option<string?> ListenAddress { get; } = new("--web.listen-address") { Description = "HOST:PORT for /metrics and /api/status (default 127.0.0.1:9797)", Recursive = true, HelpName = "HOST:PORT" };

    public Option<string?> WebConfigFile { get; } = new("--web.config.file") { Description = "Exporter-toolkit web config (YAML): TLS and basic auth for /metrics and /api/status", Recursive = true, HelpName = "FILE" };

    public Option<string[]> LogPaths { get; } = new("--log-path") { Description = "Gateway log file or glob to follow (repeatable; replaces the default /tmp/openclaw*/openclaw-*.log)", Recursive = true, HelpName = "GLOB", AllowMultipleArgumentsPerToken = false };

    public Option<string?> StateDir { get; } = new("--state-dir") { Description = "CredWatch's own state dir (default $XDG_STATE_HOME/credwatch or ~/.local/state/credwatch)", Recursive = true, HelpName = "DIR" };

    public Option<string?> LogLevel { get; } = Choice("--log.level", "Only log messages at or above this level: debug, info, warn, error (default: info for run, warn for the other verbs)", Hosting.Logging.LogSettings.LevelNames);

    public Option<string?> LogFormat { get; } = Choice("--log.format", "Log line format: logfmt or json", Hosting.Logging.LogSettings.FormatNames);

    public Option<string?> MiniMaxCredentials { get; } = new("--stores.minimax-credentials") { Description = "MiniMax CLI oauth_creds.json (default ~/.minimax/oauth_creds.json; watched only when present)", Recursive = true, HelpName = "FILE" };

    public Option<string?> GeminiCredentials { get; } = new("--stores.gemini-credentials") { Description = "Gemini CLI oauth_creds.json (default ~/.gemini/oauth_creds.json; watched only when present)", Recursive = true, HelpName = "FILE" };

    public TelegramCliOptions Telegram { get; } = new();

    /// <summary>The flag each configuration key is set by, so an error about a value the user typed names what they typed.</summary>
    public static IReadOnlyDictionary<string, string> FlagOfKey { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["CredWatch:Home"] = "--home",
        ["CredWatch:StateDir"] = "--state-dir",
        ["CredWatch:Web:ListenAddress"] = "--web.listen-address",
        ["CredWatch:Web:ConfigFile"] = "--web.config.file",
        ["CredWatch:Log:Level"] = "--log.level",
        ["CredWatch:Log:Format"] = "--log.format",
        ["CredWatch:Telegram:ApiUrl"] = "--telegram.api-url",
        ["CredWatch:Telegram:BotTokenFile"] = "--telegram.bot-token-file",
        ["CredWatch:Telegram:ChatId"] = "--telegram.chat-id",
        ["CredWatch:Telegram:ThreadId"] = "--telegram.thread-id",
        ["CredWatch:Telegram:CommandBot:TokenFile"] = "--telegram.command-bot-token-file",
        ["CredWatch:Telegram:CommandBot:AllowFrom"] = "--telegram.command-bot-allow-from",
    };

    public void AddTo(Command root)
    {
        Telegram.AddTo(root);
        root.Add(Home);
        root.Add(Config);
        root.Add(ListenAddress);
        root.Add(StateDir);
        root.Add(WebConfigFile);
        root.Add(LogPaths);
        root.Add(LogLevel);
        root.Add(LogFormat);
        ListenAddress.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string?>();
            // The listener's own rule (an IP address, localhost or an empty host), checked before anything starts.
            if (!Web.Security.ListenEndpoint.TryParse(text, out _))
            {
                r.AddError($"--web.listen-address '{text}' is not HOST:PORT with an IP address, localhost or an empty host (e.g. 127.0.0.1:9797)");
            }
        });
        root.Add(MiniMaxCredentials);
        root.Add(GeminiCredentials);
    }

    /// <summary>The flags given on this command line, as configuration keys.</summary>
    public Dictionary<string, string?> ToConfiguration(ParseResult parse)
    {
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Set(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                map["CredWatch:" + key] = value;
            }
        }

        // Relative paths are relative to where the command was typed, as with every other tool.
        Set("Home", FullPath(parse.GetValue(Home)));
        Set("Web:ListenAddress", parse.GetValue(ListenAddress));
        Set("StateDir", FullPath(parse.GetValue(StateDir)));
        Set("Web:ConfigFile", FullPath(parse.GetValue(WebConfigFile)));
        Set("Log:Level", parse.GetValue(LogLevel));
        Set("Log:Format", parse.GetValue(LogFormat));
        Set("Stores:MiniMaxCredentials", FullPath(parse.GetValue(MiniMaxCredentials)));
        Set("Stores:GeminiCredentials", FullPath(parse.GetValue(GeminiCredentials)));
        var paths = parse.GetValue(LogPaths) ?? [];
        for (var i = 0; i < paths.Length; i++)
        {
            Set("LogTail:Paths:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), FullPath(paths[i]));
        }

        Telegram.AddConfiguration(parse, map);
        return map;
    }

    /// <summary>Absolute path for a path typed relative to the working directory; <c>~</c> paths and empty values unchanged.</summary>
    public static string? FullPath(string? path) =>
        string.IsNullOrEmpty(path) || path.StartsWith('~') ? path : Path.GetFullPath(path);

    private static Option<string?> Choice(string name, string description, string[] allowed)
    {
        var option = new Option<string?>(name) { Description = description, Recursive = true, HelpName = string.Join('|', allowed) };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string?>();
            if (!allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                r.AddError($"{name} '{value}' is not one of {string.Join(", ", allowed)}");
            }
        });
        return option;
    }
}
