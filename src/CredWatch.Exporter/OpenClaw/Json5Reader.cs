using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredWatch.Exporter.OpenClaw;

/// <summary>
/// Reads the JSON5 subset OpenClaw's config uses (comments, trailing commas, unquoted keys, single
/// quotes, hex numbers, leading/trailing decimal points, explicit plus signs, escaped line breaks) by
/// rewriting it to strict JSON and handing that to System.Text.Json. No JSON5 package exists for .NET.
/// </summary>
internal static class Json5Reader
{
    public static JsonNode? Parse(string text)
    {
        var json = ToJson(text);
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        return ToNode(doc.RootElement);
    }

    /// <summary>
    /// A repeated key keeps its first position and its last value, as JSON5 (a JavaScript object) does; JsonNode.Parse
    /// would throw an ArgumentException instead.
    /// </summary>
    private static JsonNode? ToNode(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var o = new JsonObject();
                foreach (var p in e.EnumerateObject())
                {
                    o[p.Name] = ToNode(p.Value);
                }

                return o;
            case JsonValueKind.Array:
                var a = new JsonArray();
                foreach (var item in e.EnumerateArray())
                {
                    a.Add(ToNode(item));
                }

                return a;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(e.Clone());
        }
    }

    /// <summary>Rewrites JSON5 text to strict JSON. Throws <see cref="FormatException"/> with a position on bad input.</summary>
    public static string ToJson(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r' && text[i] != '\u2028' && text[i] != '\u2029')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("unterminated block comment", i);
                }

                sb.Append(' ');
                i = end + 2;
                continue;
            }

            if (c is '"' or '\'')
            {
                i = ReadString(text, i, sb);
                continue;
            }

            if (c == ',')
            {
                // A trailing comma: the next significant character closes the container.
                var next = SkipInsignificant(text, i + 1);
                if (next < text.Length && text[next] is '}' or ']')
                {
                    i++;
                    continue;
                }

                sb.Append(c);
                i++;
                continue;
            }

            if (c is '{' or '}' or '[' or ']' or ':')
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                sb.Append(c is '\u2028' or '\u2029' or '\u00A0' or '\uFEFF' ? ' ' : c);
                i++;
                continue;
            }

            if (c is '+' or '-' or '.' || char.IsAsciiDigit(c))
            {
                var numberStart = i;
                i = ReadNumber(text, i, sb);

                // "892+95" is two numbers with no separator: JSON5 rejects it; written out they would fuse into one.
                if (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '+' or '-' or '.' || IsIdentifierStart(text[i]) || text[i] == '\\'))
                {
                    throw Error("bad number", numberStart);
                }

                continue;
            }

            if (IsIdentifierStart(c) || c == '\\')
            {
                var start = i;
                var ident = ReadIdentifier(text, ref i);
                var after = SkipInsignificant(text, i);
                if (after < text.Length && text[after] == ':')
                {
                    WriteJsonString(sb, ident);
                    continue;
                }

                switch (ident)
                {
                    case "true" or "false" or "null":
                        sb.Append(ident);
                        break;
                    case "Infinity" or "NaN":
                        // JSON cannot carry them; no config value CredWatch reads is numeric-infinite.
                        sb.Append("null");
                        break;
                    default:
                        throw Error("unexpected bare word", start);
                }

                continue;
            }

            throw Error($"unexpected character U+{(int)c:X4}", i);
        }

        return sb.ToString();
    }

    private static int SkipInsignificant(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return text.Length;
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int ReadString(string text, int i, StringBuilder sb)
    {
        var quote = text[i];
        var start = i;
        i++;
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw Error("unterminated string", start);
            }

            var c = text[i];
            if (c == quote)
            {
                i++;
                break;
            }

            if (c is '\n' or '\r')
            {
                throw Error("line break inside string", i);
            }

            if (c != '\\')
            {
                value.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= text.Length)
            {
                throw Error("unterminated escape", i);
            }

            var e = text[i + 1];
            i += 2;
            switch (e)
            {
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'v': value.Append('\v'); break;
                case '0' when i >= text.Length || !char.IsAsciiDigit(text[i]): value.Append('\0'); break;
                case 'x':
                    value.Append((char)ParseHex(text, i, 2));
                    i += 2;
                    break;
                case 'u':
                    value.Append((char)ParseHex(text, i, 4));
                    i += 4;
                    break;
                case '\r':
                    // An escaped line break continues the string on the next line.
                    if (i < text.Length && text[i] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n' or '\u2028' or '\u2029':
                    break;
                default:
                    if (char.IsAsciiDigit(e))
                    {
                        throw Error("octal escapes are not allowed", i - 2);
                    }

                    value.Append(e);
                    break;
            }
        }

        WriteJsonString(sb, value.ToString());
        return i;
    }

    private static int ParseHex(string text, int i, int digits)
    {
        if (i + digits > text.Length ||
            !int.TryParse(text.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw Error("bad hex escape", i);
        }

        return v;
    }

    private static int ReadNumber(string text, int i, StringBuilder sb)
    {
        var start = i;
        var negative = false;
        if (text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var identStart = i;
        if (i < text.Length && IsIdentifierStart(text[i]))
        {
            var ident = ReadIdentifier(text, ref i);
            if (ident is "Infinity" or "NaN")
            {
                sb.Append("null");
                return i;
            }

            throw Error("bad number", start);
        }

        i = identStart;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X')
        {
            var hexStart = i + 2;
            i = hexStart;
            while (i < text.Length && char.IsAsciiHexDigit(text[i]))
            {
                i++;
            }

            if (i == hexStart || !ulong.TryParse(text.AsSpan(hexStart, i - hexStart), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                throw Error("bad hex number", start);
            }

            if (negative)
            {
                sb.Append('-');
            }

            sb.Append(hex.ToString(CultureInfo.InvariantCulture));
            return i;
        }

        var intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var intPart = text[intStart..i];
        var fracPart = string.Empty;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fracStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            fracPart = text[fracStart..i];
        }

        if (intPart.Length == 0 && fracPart.Length == 0)
        {
            throw Error("bad number", start);
        }

        var expPart = string.Empty;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var expStart = i;
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var digitsStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == digitsStart)
            {
                throw Error("bad exponent", expStart);
            }

            expPart = text[expStart..i];
        }

        if (negative)
        {
            sb.Append('-');
        }

        sb.Append(intPart.Length == 0 ? "0" : intPart);
        if (fracPart.Length > 0)
        {
            sb.Append('.').Append(fracPart);
        }

        sb.Append(expPart);
        return i;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '\u200C' or '\u200D';

    private static string ReadIdentifier(string text, ref int i)
    {
        var sb = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == 'u')
            {
                sb.Append((char)ParseHex(text, i + 2, 4));
                i += 6;
                continue;
            }

            if (sb.Length == 0 ? !IsIdentifierStart(c) : !IsIdentifierPart(c))
            {
                break;
            }

            sb.Append(c);
            i++;
        }

        if (sb.Length == 0)
        {
            throw Error("bad identifier", i);
        }

        return sb.ToString();
    }

    private static void WriteJsonString(StringBuilder sb, string value)
    {
        sb.Append('"').Append(JsonEncodedText.Encode(value).Value).Append('"');
    }

    private static FormatException Error(string what, int position) =>
        new($"JSON5 syntax error at offset {position}: {what}");
}
