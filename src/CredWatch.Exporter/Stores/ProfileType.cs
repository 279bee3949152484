namespace CredWatch.Exporter.Stores;

/// <summary>Credential type of an OpenClaw profile (or a CLI store's login).</summary>
internal enum ProfileType
{
    /// <summary>Unknown <c>type</c> value; kept, never compared.</summary>
    Unknown = 0,

    /// <summary>OAuth access + refresh token pair.</summary>
    OAuth,

    /// <summary>A bare bearer token, no refresh.</summary>
    Token,

    /// <summary>An API key; never expires.</summary>
    ApiKey,
}
