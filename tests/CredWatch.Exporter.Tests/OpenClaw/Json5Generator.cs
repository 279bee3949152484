using System.Globalization;
using System.Text;

namespace CredWatch.Exporter.Tests.OpenClaw;

/// <summary>Seeded JSON5 documents as people hand-edit them, plus byte-level mutations of them (mostly invalid).</summary>
internal sealed class Json5Generator(int seed)
{
    private static readonly string[] Keys = ["a", "botToken", "$x", "_y", "agents", "list", "k2", "defaultTo"];
    private const string Inserted = "{}[],:'\"/*\\x0+.e";
    private const string Replaced = "{}[],:'\"/ \\n0+-.eE";
    private readonly Random _rng = new(seed);

    public string Next()
    {
        var doc = Value(0);
        return _rng.Next(3) == 0 ? Mutate(doc) : doc;
    }

    private string Value(int depth)
    {
        var pick = depth > 4 ? _rng.Next(4) : _rng.Next(7);
        return Space() + pick switch
        {
            0 => Number(),
            1 => Str(),
            2 => _rng.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
            3 => Str(),
            4 or 5 => Obj(depth),
            _ => Arr(depth),
        } + Space();
    }

    private string Obj(int depth)
    {
        var sb = new StringBuilder("{");
        var n = _rng.Next(4);
        for (var i = 0; i < n; i++)
        {
            sb.Append(Space()).Append(Key()).Append(Space()).Append(':').Append(Value(depth + 1));
            if (i < n - 1 || _rng.Next(2) == 0)
            {
                sb.Append(',');
            }
        }

        return sb.Append(Space()).Append('}').ToString();
    }

    private string Arr(int depth)
    {
        var sb = new StringBuilder("[");
        var n = _rng.Next(4);
        for (var i = 0; i < n; i++)
        {
            sb.Append(Value(depth + 1));
            if (i < n - 1 || _rng.Next(2) == 0)
            {
                sb.Append(',');
            }
        }

        return sb.Append(']').ToString();
    }

    private string Key()
    {
        var k = Keys[_rng.Next(Keys.Length)] + (_rng.Next(3) == 0 ? _rng.Next(10).ToString(CultureInfo.InvariantCulture) : string.Empty);
        return _rng.Next(3) switch { 0 => k, 1 => "\"" + k + "\"", _ => "'" + k + "'" };
    }

    private string Number()
    {
        var sign = _rng.Next(4) switch { 0 => "-", 1 => "+", _ => string.Empty };
        var body = _rng.Next(6) switch
        {
            0 => "0x" + _rng.Next(0, 1 << 20).ToString("X", CultureInfo.InvariantCulture),
            1 => "." + _rng.Next(1000).ToString(CultureInfo.InvariantCulture),
            2 => _rng.Next(1000).ToString(CultureInfo.InvariantCulture) + ".",
            3 => _rng.Next(1000).ToString(CultureInfo.InvariantCulture) + "e" + _rng.Next(-5, 6).ToString(CultureInfo.InvariantCulture),
            4 => _rng.Next(100000).ToString(CultureInfo.InvariantCulture) + "." + _rng.Next(100).ToString(CultureInfo.InvariantCulture),
            _ => _rng.Next(1_000_000).ToString(CultureInfo.InvariantCulture),
        };
        return sign + body;
    }

    private string Str()
    {
        var quote = _rng.Next(2) == 0 ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        var n = _rng.Next(12);
        for (var i = 0; i < n; i++)
        {
            sb.Append(_rng.Next(12) switch
            {
                0 => "\\n",
                1 => "\\\"",
                2 => "\\'",
                3 => "\\u00e9",
                4 => "\\\\",
                5 => "\\\n",
                6 => "é",
                7 => quote == '"' ? "'" : "\"",
                8 => "\\t",
                _ => ((char)_rng.Next('a', 'z' + 1)).ToString(),
            });
        }

        return sb.Append(quote).ToString();
    }

    private string Space() => _rng.Next(6) switch
    {
        0 => " ",
        1 => "\n  ",
        2 => "/* c */",
        3 => " // c\n",
        _ => string.Empty,
    };

    private char Pick(string chars) => chars[_rng.Next(chars.Length)];

    private string Mutate(string doc)
    {
        if (doc.Length == 0)
        {
            return "{";
        }

        var sb = new StringBuilder(doc);
        var at = _rng.Next(sb.Length);
        switch (_rng.Next(3))
        {
            case 0:
                sb.Remove(at, 1);
                break;
            case 1:
                sb.Insert(at, Pick(Inserted));
                break;
            default:
                sb[at] = Pick(Replaced);
                break;
        }

        return sb.ToString();
    }
}
