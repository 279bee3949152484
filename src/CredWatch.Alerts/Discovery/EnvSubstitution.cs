using System.Text;

namespace CredWatch.Alerts;

/// <summary>OpenClaw's config env substitution (src/config/env-substitution.ts in 2026.9.6).</summary>
internal static class EnvSubstitution
{
    /// <summary>Returns the substituted string, or null (with <paramref name="missing"/> set) when a referenced var is unset or empty.</summary>
    public static string? Substitute(string value, Func<string, string?> env, out string? missing)
    {
        missing = null;
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '$')
            {
                sb.Append(c);
                continue;
            }

            if (i + 2 < value.Length && value[i + 1] == '$' && value[i + 2] == '{' && TryName(value, i + 3, out var escName, out var escEnd))
            {
                sb.Append("${").Append(escName).Append('}');
                i = escEnd;
                continue;
            }

            if (i + 1 < value.Length && value[i + 1] == '{' && TryName(value, i + 2, out var name, out var end))
            {
                var v = env(name);
                if (string.IsNullOrEmpty(v))
                {
                    missing = name;
                    return null;
                }

                sb.Append(v);
                i = end;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool TryName(string value, int start, out string name, out int end)
    {
        name = string.Empty;
        end = value.IndexOf('}', start);
        if (end < 0)
        {
            return false;
        }

        name = value[start..end];
        return name.Length > 0 && (char.IsAsciiLetterUpper(name[0]) || name[0] == '_') &&
               name.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch) || ch == '_');
    }
}
