namespace CredWatch.Exporter.Stores;

/// <summary>The environment discovery depends on: HOME and named variables (injectable for tests).</summary>
/// <param name="Home">The effective home (<c>--home</c> else <c>$HOME</c>).</param>
/// <param name="Variable">Environment lookup (<c>CLAUDE_CONFIG_DIR</c>, <c>CODEX_HOME</c>, <c>XDG_STATE_HOME</c>, and OpenClaw's for the installation).</param>
internal sealed record PathEnvironment(string Home, Func<string, string?> Variable)
{
    /// <summary>The process environment, with <paramref name="homeOverride"/> (<c>--home</c>) replacing <c>$HOME</c>.</summary>
    public static PathEnvironment FromProcess(string? homeOverride) => new(
        ExpandHome(homeOverride, null) ?? Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        name => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null);

    /// <summary>Expands a leading <c>~</c> against <see cref="Home"/>.</summary>
    public string? Expand(string? path) => ExpandHome(path, Home);

    private static string? ExpandHome(string? path, string? home)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (home is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal)))
        {
            return Path.GetFullPath(Path.Combine(home, path.Length > 2 ? path[2..] : string.Empty));
        }

        return Path.GetFullPath(path);
    }

    /// <summary>CredWatch's own state dir: option, else <c>$XDG_STATE_HOME/credwatch</c>, else <c>~/.local/state/credwatch</c>.</summary>
    public string StateDir(string? configured, bool homeOverridden) =>
        Expand(configured)
        ?? (!homeOverridden && Variable("XDG_STATE_HOME") is { } xdg ? Path.Combine(xdg, "credwatch") : null)
        ?? Path.Combine(Home, ".local", "state", "credwatch");
}
