using System.Collections;
using Microsoft.Extensions.Configuration;

namespace CredWatch.Exporter.Hosting;

/// <summary>
/// Configuration layering, lowest to highest precedence: <c>--config FILE</c> (JSON, section <c>CredWatch</c>),
/// <c>CREDWATCH_*</c> environment variables (<c>__</c> nests: <c>CREDWATCH_WEB__LISTENADDRESS</c>), CLI flags.
/// </summary>
internal static class CredWatchConfiguration
{
    public const string EnvPrefix = "CREDWATCH_";

    public static IConfigurationBuilder AddCredWatchSources(
        this IConfigurationBuilder builder, string? configFile, IReadOnlyDictionary<string, string?> cliOverrides, IDictionary? environment = null)
    {
        if (!string.IsNullOrEmpty(configFile))
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"config file {full} does not exist", full);
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
            var unknown = ConfigurationKeys.Unknown(new ConfigurationBuilder().AddJsonFile(full, optional: false, reloadOnChange: false).Build());
            if (unknown.Count > 0)
            {
                throw new InvalidDataException($"{full}: unknown configuration key(s) {string.Join(", ", unknown)} (keys live under \"CredWatch\"; see docs/ops.md for the list)");
            }
        }

        builder.AddInMemoryCollection(FromEnvironment(environment ?? Environment.GetEnvironmentVariables()));
        builder.AddInMemoryCollection(cliOverrides);
        builder.AddInMemoryCollection(AbsolutePaths(builder.Build()));
        return builder;
    }

    // Every component reads these two keys (some straight from the configuration): a relative value is made absolute
    // once, against the working directory, so they all see the same directory.
    private static Dictionary<string, string?> AbsolutePaths(IConfiguration merged)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in new[] { "CredWatch:Home", "CredWatch:StateDir" })
        {
            if (merged[key] is { Length: > 0 } value && !value.StartsWith('~') && !Path.IsPathFullyQualified(value))
            {
                result[key] = Path.GetFullPath(value);
            }
        }

        return result;
    }

    /// <summary>Maps <c>CREDWATCH_A__B=v</c> to <c>CredWatch:A:B=v</c>.</summary>
    public static Dictionary<string, string?> FromEnvironment(IDictionary environment)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && key.StartsWith(EnvPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > EnvPrefix.Length)
            {
                result["CredWatch:" + key[EnvPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = entry.Value as string;
            }
        }

        return result;
    }
}
