namespace CredWatch.Exporter.Web.Security;

/// <summary>Outcome of a basic auth check; <see cref="Reason"/> is the bounded metric label.</summary>
internal readonly record struct AuthResult(bool Success, string Reason)
{
    public static AuthResult Ok { get; } = new(true, "ok");

    public static AuthResult Missing { get; } = new(false, "missing");

    public static AuthResult Malformed { get; } = new(false, "malformed");

    public static AuthResult InvalidCredentials { get; } = new(false, "invalid_credentials");
}
