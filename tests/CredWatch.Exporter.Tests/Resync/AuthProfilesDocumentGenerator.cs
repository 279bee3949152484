using System.Globalization;
using System.Text;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>
/// Seeded auth-profiles.json documents: random whitespace between tokens, key order, \u escapes in keys and values,
/// nested extras, other profiles, and the target oauth profiles. It records where the target's access, refresh and
/// expires values sit, so a test knows exactly which bytes a patch may change.
/// </summary>
internal sealed class AuthProfilesDocumentGenerator(int seed)
{
    public static readonly string[] Targets = ["anthropic:claude-cli", "openai-codex:default"];

    private static readonly string[] Whitespace = ["", "", " ", "  ", "\n", "\r\n", "\t", "\n    ", " \n\t "];
    private static readonly string[] Words = ["version", "provider", "email", "metadata", "x-future", "lastGood", "order", "usage", "tier", "type", "mode", "note", "profiles", "access", "refresh", "expires"];

    private readonly Random _rng = new(seed);
    private readonly MemoryStream _out = new();
    private readonly List<TargetValueSpan> _spans = [];
    private bool _missingField;

    /// <summary>The document, the value spans of the target fields (ordered), and whether a target lacks a field.</summary>
    public (byte[] Document, IReadOnlyList<TargetValueSpan> Spans, bool MissingField) Next()
    {
        _out.SetLength(0);
        _spans.Clear();
        _missingField = false;
        var members = new List<Action>
        {
            () => Member("version", () => Raw(_rng.Next(3) == 0 ? "1.0" : "1")),
            Profiles,
        };
        for (var i = _rng.Next(4); i > 0; i--)
        {
            var depth = _rng.Next(1, 5);
            var name = "x-" + Word() + i.ToString(CultureInfo.InvariantCulture);
            members.Add(() => Member(name, () => Value(depth)));
        }

        Object(Shuffle(members));
        Ws();
        return (_out.ToArray(), [.. _spans], _missingField);
    }

    private void Profiles() => Member("profiles", () =>
    {
        var members = new List<Action>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in Targets)
        {
            used.Add(target);
            members.Add(() => Member(target, () => TargetProfile(target)));
        }

        for (var i = _rng.Next(5); i > 0; i--)
        {
            var id = Word() + ":" + _rng.Next(100).ToString(CultureInfo.InvariantCulture);
            if (used.Add(id))
            {
                members.Add(() => Member(id, OtherProfile));
            }
        }

        Object(Shuffle(members));
    });

    private void TargetProfile(string target)
    {
        var members = new List<Action> { () => Member(_rng.Next(4) == 0 ? "mode" : "type", () => Str("oauth")), () => Member("provider", () => Str("anthropic")) };
        foreach (var field in new[] { "access", "refresh", "expires" })
        {
            if (_rng.Next(25) == 0)
            {
                _missingField = true;
                continue;
            }

            members.Add(() => Member(field, () =>
            {
                var start = (int)_out.Length;
                if (_rng.Next(10) == 0)
                {
                    Raw("null");
                }
                else if (field == "expires")
                {
                    Raw(_rng.Next(4) switch { 0 => "1", 1 => "0", 2 => "1.7e12", _ => _rng.NextInt64(1L << 45).ToString(CultureInfo.InvariantCulture) });
                }
                else
                {
                    Str("OLD-" + field + "-" + _rng.Next().ToString(CultureInfo.InvariantCulture));
                }

                _spans.Add(new(target, field, start, (int)_out.Length));
            }));
        }

        for (var i = _rng.Next(4); i > 0; i--)
        {
            var name = "x-" + Word() + i.ToString(CultureInfo.InvariantCulture);
            members.Add(() => Member(name, () => Value(_rng.Next(1, 4))));
        }

        Object(Shuffle(members));
    }

    private void OtherProfile()
    {
        var members = new List<Action>
        {
            () => Member("type", () => Str(_rng.Next(2) == 0 ? "oauth" : "api_key")),
            // Looks like a target's fields; a patch must not touch them.
            () => Member("access", () => Str("OTHER-access")),
            () => Member("refresh", () => Str("OTHER-refresh")),
            () => Member("expires", () => Raw("42")),
        };
        for (var i = _rng.Next(3); i > 0; i--)
        {
            var name = "x-" + Word() + i.ToString(CultureInfo.InvariantCulture);
            members.Add(() => Member(name, () => Value(_rng.Next(1, 4))));
        }

        Object(Shuffle(members));
    }

    private void Value(int depth)
    {
        switch (depth <= 0 ? _rng.Next(5) : _rng.Next(7))
        {
            case 0: Str(Text()); break;
            case 1: Raw(_rng.Next(3) switch { 0 => "-0.5e-3", 1 => "123456789012345678901234567890", _ => _rng.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture) }); break;
            case 2: Raw("true"); break;
            case 3: Raw("false"); break;
            case 4: Raw("null"); break;
            case 5:
                var items = Enumerable.Range(0, _rng.Next(4)).Select(_ => (Action)(() => Value(depth - 1))).ToList();
                Array(items);
                break;
            default:
                var members = Enumerable.Range(0, _rng.Next(4)).Select(i => (Action)(() => Member(Word() + i.ToString(CultureInfo.InvariantCulture), () => Value(depth - 1)))).ToList();
                Object(members);
                break;
        }
    }

    private void Object(IReadOnlyList<Action> members) => Container('{', '}', members);

    private void Array(IReadOnlyList<Action> items) => Container('[', ']', items);

    private void Container(char open, char close, IReadOnlyList<Action> items)
    {
        Ws();
        Raw(open.ToString());
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                Ws();
                Raw(",");
            }

            Ws();
            items[i]();
        }

        Ws();
        Raw(close.ToString());
    }

    private void Member(string name, Action value)
    {
        Str(name);
        Ws();
        Raw(":");
        Ws();
        value();
    }

    /// <summary>A JSON string whose characters are written plainly or as \u escapes, at random.</summary>
    private void Str(string value)
    {
        var sb = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            // A surrogate pair is escaped as a whole or not at all: a lone escaped half is another test's input.
            var pair = char.IsHighSurrogate(value[i]) ? 2 : 1;
            var c = value[i];
            if (c is '"' or '\\' || c < ' ' || _rng.Next(12) == 0)
            {
                for (var k = 0; k < pair; k++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)value[i + k]:x4}");
                }
            }
            else
            {
                sb.Append(value, i, pair);
            }

            i += pair - 1;
        }

        Raw(sb.Append('"').ToString());
    }

    private string Text() => _rng.Next(4) switch
    {
        0 => "plain words",
        1 => "é😀 ünïcode \u2028 line sep",
        2 => "quote \" back\\slash \n\t control \u0001",
        _ => new string('z', _rng.Next(0, 60)),
    };

    private string Word() => Words[_rng.Next(Words.Length)];

    private void Ws() => Raw(Whitespace[_rng.Next(Whitespace.Length)]);

    private void Raw(string text) => _out.Write(Encoding.UTF8.GetBytes(text));

    private List<Action> Shuffle(List<Action> list)
    {
        _rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
