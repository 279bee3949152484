using System.Net.Security;
using System.Security.Authentication;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CredWatch.Exporter.Web.Security;

/// <summary>
/// Parses the Prometheus exporter-toolkit web config YAML with YamlDotNet's representation model
/// (no reflection, so it stays trim/AOT friendly). Unknown keys are rejected; keys the toolkit knows
/// but CredWatch cannot honour are rejected with a message saying so, never silently ignored.
/// </summary>
internal static class WebConfigParser
{
    /// <summary>A web config is a few lines; anything far larger is not one.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The deepest nesting a web config needs is 3; YamlDotNet's loader recurses per level (a stack overflow).</summary>
    public const int MaxDepth = 16;

    private static readonly HashSet<string> AllowedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        // The exporter-toolkit accepts exactly these response headers.
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "X-XSS-Protection",
        "Content-Security-Policy",
    };

    // Go's crypto/tls applies cipher_suites to TLS 1.2 only; TLS 1.3 suites are always on there, so we keep them on too.
    private static readonly TlsCipherSuite[] Tls13Suites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    ];

    public static WebConfig Parse(string yaml, string baseDirectory)
    {
        if (yaml.Length > MaxBytes)
        {
            throw new WebConfigException(string.Empty, $"the file is larger than {MaxBytes / 1024} KiB; a web config is a few lines");
        }

        var stream = new YamlStream();
        try
        {
            CheckShape(yaml);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // YamlDotNet's messages describe structure and position, not scalar values.
            throw new WebConfigException(string.Empty, $"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
        }
        catch (ArgumentException)
        {
            // Raised by the representation model for a repeated mapping key.
            throw new WebConfigException(string.Empty, "invalid YAML: a mapping contains a duplicate key");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner raises this on some malformed plain scalars instead of a YamlException.
            throw new WebConfigException(string.Empty, "invalid YAML: the text cannot be scanned");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return WebConfig.Empty;
        }

        if (stream.Documents.Count > 1)
        {
            throw new WebConfigException(string.Empty, "the file must hold a single YAML document");
        }

        var root = AsMapping(stream.Documents[0].RootNode, "(root)");
        TlsServerConfig? tls = null;
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        var http2 = true;

        foreach (var (keyNode, value) in root.Children)
        {
            var key = KeyName(keyNode, string.Empty);
            switch (key)
            {
                case "tls_server_config":
                    tls = IsNull(value) ? null : ParseTls(AsMapping(value, key), baseDirectory);
                    break;
                case "basic_auth_users":
                    if (!IsNull(value))
                    {
                        ParseUsers(AsMapping(value, key), users);
                    }

                    break;
                case "http_server_config":
                    if (!IsNull(value))
                    {
                        http2 = ParseHttpServer(AsMapping(value, key), headers);
                    }

                    break;
                default:
                    throw new WebConfigException(key, "unknown key (supported: tls_server_config, basic_auth_users, http_server_config)");
            }
        }

        return new WebConfig(tls, users, headers, http2);
    }

    /// <summary>
    /// One pass over the parser's events, which is iterative, before the recursive loader sees the text: nesting
    /// deeper than <see cref="MaxDepth"/> and anchors/aliases (alias bombs; the exporter-toolkit needs none) are refused.
    /// </summary>
    private static void CheckShape(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias:
                    throw new WebConfigException(string.Empty, "YAML aliases (*name) are not allowed in a web config");
                case NodeEvent { Anchor.IsEmpty: false }:
                    throw new WebConfigException(string.Empty, "YAML anchors (&name) are not allowed in a web config");
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    throw new WebConfigException(string.Empty, $"YAML nested deeper than {MaxDepth} levels");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static TlsServerConfig ParseTls(YamlMappingNode node, string baseDirectory)
    {
        const string Prefix = "tls_server_config";
        string? certFile = null, keyFile = null, caFile = null;
        var clientAuth = ClientAuthType.NoClientCert;
        var min = SslProtocols.Tls12;
        var max = SslProtocols.Tls13;
        List<TlsCipherSuite>? suites = null;

        foreach (var (keyNode, value) in node.Children)
        {
            var key = KeyName(keyNode, Prefix);
            var path = $"{Prefix}.{key}";
            switch (key)
            {
                case "cert_file":
                    certFile = ResolvePath(Scalar(value, path), baseDirectory);
                    break;
                case "key_file":
                    keyFile = ResolvePath(Scalar(value, path), baseDirectory);
                    break;
                case "client_ca_file":
                    caFile = ResolvePath(Scalar(value, path), baseDirectory);
                    break;
                case "client_auth_type":
                    var text = Scalar(value, path);
                    if (text is null)
                    {
                        break;
                    }

                    if (!Enum.TryParse(text, ignoreCase: false, out clientAuth) || !Enum.IsDefined(clientAuth))
                    {
                        throw new WebConfigException(path, $"'{text}' is not one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert");
                    }

                    break;
                case "min_version":
                    min = ParseVersion(Scalar(value, path), path, min);
                    break;
                case "max_version":
                    max = ParseVersion(Scalar(value, path), path, max);
                    break;
                case "cipher_suites":
                    suites = ParseSuites(value, path);
                    break;
                case "prefer_server_cipher_suites":
                    // Go ignores it since 1.18 (server order is always preferred); accept it for compatibility.
                    _ = Scalar(value, path);
                    break;
                case "cert" or "key" or "client_ca" or "curve_preferences" or "client_allowed_sans":
                    throw new WebConfigException(path, "is an exporter-toolkit option CredWatch does not support (use cert_file/key_file/client_ca_file; curve preferences and SAN allow-lists are not configurable)");
                default:
                    throw new WebConfigException(path, "unknown key (supported: cert_file, key_file, client_auth_type, client_ca_file, min_version, max_version, cipher_suites, prefer_server_cipher_suites)");
            }
        }

        if (string.IsNullOrEmpty(certFile))
        {
            throw new WebConfigException($"{Prefix}.cert_file", "is required when tls_server_config is present");
        }

        if (string.IsNullOrEmpty(keyFile))
        {
            throw new WebConfigException($"{Prefix}.key_file", "is required when tls_server_config is present");
        }

        if (clientAuth is ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert && caFile is null)
        {
            throw new WebConfigException($"{Prefix}.client_ca_file", $"is required when client_auth_type is {clientAuth}");
        }

        if (min > max)
        {
            throw new WebConfigException($"{Prefix}.min_version", "is greater than max_version");
        }

        suites?.AddRange(Tls13Suites.Except(suites).ToList());

        return new TlsServerConfig(certFile, keyFile, clientAuth, caFile, min, max, suites);
    }

    private static SslProtocols ParseVersion(string? text, string path, SslProtocols fallback) => text switch
    {
        null => fallback,
        "TLS12" => SslProtocols.Tls12,
        "TLS13" => SslProtocols.Tls13,
        "TLS10" or "TLS11" => throw new WebConfigException(path, $"'{text}' is not supported (TLS 1.0/1.1 are disabled in .NET and OpenSSL here); use TLS12 or TLS13"),
        _ => throw new WebConfigException(path, $"'{text}' is not one of TLS12, TLS13"),
    };

    private static List<TlsCipherSuite> ParseSuites(YamlNode value, string path)
    {
        if (value is not YamlSequenceNode sequence)
        {
            throw new WebConfigException(path, "must be a list of cipher suite names");
        }

        var result = new List<TlsCipherSuite>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var name = Scalar(sequence.Children[i], itemPath);
            // Go and .NET share the IANA names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ...).
            if (name is null || !name.StartsWith("TLS_", StringComparison.Ordinal)
                || !Enum.TryParse<TlsCipherSuite>(name, ignoreCase: false, out var suite) || !Enum.IsDefined(suite))
            {
                throw new WebConfigException(itemPath, $"'{name}' is not a known cipher suite name");
            }

            result.Add(suite);
        }

        result = [.. result.Distinct()];
        if (result.Count == 0)
        {
            throw new WebConfigException(path, "must not be empty");
        }

        return result;
    }

    private static void ParseUsers(YamlMappingNode node, Dictionary<string, string> users)
    {
        foreach (var (keyNode, value) in node.Children)
        {
            var user = KeyName(keyNode, "basic_auth_users");
            var path = $"basic_auth_users.{user}";
            if (user.Contains(':', StringComparison.Ordinal))
            {
                throw new WebConfigException(path, "user names cannot contain ':' (basic auth separator)");
            }

            var hash = Scalar(value, path);
            // Never echo the hash: the message only says what shape is expected.
            if (hash is null || !LooksLikeBcrypt(hash))
            {
                throw new WebConfigException(path, "is not a bcrypt hash ($2a$/$2b$/$2y$, 60 characters); generate one with 'credwatch hash-password'");
            }

            users[user] = hash;
        }
    }

    private static bool ParseHttpServer(YamlMappingNode node, List<KeyValuePair<string, string>> headers)
    {
        const string Prefix = "http_server_config";
        var http2 = true;
        foreach (var (keyNode, value) in node.Children)
        {
            var key = KeyName(keyNode, Prefix);
            var path = $"{Prefix}.{key}";
            switch (key)
            {
                case "http2":
                    var text = Scalar(value, path);
                    http2 = text switch
                    {
                        null => true,
                        "true" or "True" or "TRUE" => true,
                        "false" or "False" or "FALSE" => false,
                        _ => throw new WebConfigException(path, $"'{text}' is not a boolean"),
                    };
                    break;
                case "headers":
                    if (!IsNull(value))
                    {
                        ParseHeaders(AsMapping(value, path), path, headers);
                    }

                    break;
                default:
                    throw new WebConfigException(path, "unknown key (supported: headers, http2)");
            }
        }

        return http2;
    }

    private static void ParseHeaders(YamlMappingNode node, string prefix, List<KeyValuePair<string, string>> headers)
    {
        foreach (var (keyNode, value) in node.Children)
        {
            var name = KeyName(keyNode, prefix);
            var path = $"{prefix}.{name}";
            if (!AllowedHeaders.Contains(name))
            {
                throw new WebConfigException(path, "header is not allowed (allowed: " + string.Join(", ", AllowedHeaders) + ")");
            }

            var text = Scalar(value, path) ?? string.Empty;
            if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new WebConfigException(path, "header value must not contain line breaks");
            }

            if (name.Equals("X-Content-Type-Options", StringComparison.OrdinalIgnoreCase) && !text.Equals("nosniff", StringComparison.OrdinalIgnoreCase))
            {
                throw new WebConfigException(path, "only 'nosniff' is allowed");
            }

            if (name.Equals("X-Frame-Options", StringComparison.OrdinalIgnoreCase)
                && !text.Equals("deny", StringComparison.OrdinalIgnoreCase) && !text.Equals("sameorigin", StringComparison.OrdinalIgnoreCase))
            {
                throw new WebConfigException(path, "only 'deny' or 'sameorigin' is allowed");
            }

            headers.Add(new(name, text));
        }
    }

    internal static bool LooksLikeBcrypt(string hash) =>
        hash.Length == 60
        && (hash.StartsWith("$2a$", StringComparison.Ordinal) || hash.StartsWith("$2b$", StringComparison.Ordinal) || hash.StartsWith("$2y$", StringComparison.Ordinal))
        && char.IsAsciiDigit(hash[4]) && char.IsAsciiDigit(hash[5]) && hash[6] == '$';

    private static string ResolvePath(string? text, string baseDirectory) =>
        string.IsNullOrEmpty(text) ? string.Empty : Path.GetFullPath(text, baseDirectory);

    private static string KeyName(YamlNode keyNode, string prefix) =>
        keyNode is YamlScalarNode { Value: { } name }
            ? name
            : throw new WebConfigException(prefix, "keys must be plain strings");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static YamlMappingNode AsMapping(YamlNode node, string path) =>
        node as YamlMappingNode ?? throw new WebConfigException(path, "must be a mapping");

    private static string? Scalar(YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw new WebConfigException(path, "must be a single value, not a list or mapping");
        }

        return IsNull(scalar) ? null : scalar.Value;
    }
}
