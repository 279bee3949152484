using System.Text;
using System.Text.Json.Nodes;

namespace CredWatch.Exporter.OpenClaw;

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

    /// <summary>
    /// Substitutes every string in the tree. A value naming an unset variable is dropped (null) with a note naming the
    /// variable and where it was referenced, never the value.
    /// </summary>
    public static void SubstituteAll(JsonNode node, string path, Func<string, string?> env, List<string> notes)
    {
        var children = node switch
        {
            JsonObject o => o.Select(kv => (Key: (object)kv.Key, Path: path.Length == 0 ? kv.Key : path + "." + kv.Key, Value: kv.Value)).ToList(),
            JsonArray a => a.Select((v, i) => (Key: (object)i, Path: $"{path}[{i}]", Value: v)).ToList(),
            _ => [],
        };
        foreach (var (key, childPath, value) in children)
        {
            if (value is JsonValue sv && sv.TryGetValue<string>(out var s))
            {
                if (!s.Contains('$', StringComparison.Ordinal))
                {
                    continue;
                }

                var replaced = Substitute(s, env, out var missing) is { } r ? JsonValue.Create(r) : null;
                if (key is string k)
                {
                    ((JsonObject)node)[k] = replaced;
                }
                else
                {
                    ((JsonArray)node)[(int)key] = replaced;
                }

                if (missing is not null)
                {
                    notes.Add($"env var {missing} referenced at {childPath} is not set");
                }
            }
            else if (value is not null)
            {
                SubstituteAll(value, childPath, env, notes);
            }
        }
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
