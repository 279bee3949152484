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

    public Option<string?> MiniMaxCredentials { get; } = new("--stores.minimax-credentials") { Description = "MiniMax CLI oauth_creds.json (default ~/.minimax/oauth_creds.json; watched only when present)", Recursive = true, HelpName = "FILE" };

    public Option<string?> GeminiCredentials { get; } = new("--stores.gemini-credentials") { Description = "Gemini CLI oauth_creds.json (default ~/.gemini/oauth_creds.json; watched only when present)", Recursive = true, HelpName = "FILE" };

    public TelegramCliOptions Telegram { get; } = new();

    public void AddTo(Command root)
    {
        Telegram.AddTo(root);
        root.Add(Home);
        root.Add(Config);
        root.Add(ListenAddress);
        root.Add(StateDir);
        root.Add(WebConfigFile);
        root.Add(LogPaths);
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

        Set("Home", parse.GetValue(Home));
        Set("Web:ListenAddress", parse.GetValue(ListenAddress));
        Set("StateDir", parse.GetValue(StateDir));
        Set("Web:ConfigFile", parse.GetValue(WebConfigFile));
        Set("Stores:MiniMaxCredentials", parse.GetValue(MiniMaxCredentials));
        Set("Stores:GeminiCredentials", parse.GetValue(GeminiCredentials));
        var paths = parse.GetValue(LogPaths) ?? [];
        for (var i = 0; i < paths.Length; i++)
        {
            Set("LogTail:Paths:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), paths[i]);
        }

        Telegram.AddConfiguration(parse, map);
        return map;
    }
}
