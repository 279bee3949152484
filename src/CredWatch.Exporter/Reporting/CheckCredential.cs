namespace CredWatch.Exporter.Reporting;

/// <summary>What <c>check --json</c> says about one credential, as fields a script reads without parsing the message.</summary>
/// <param name="Store">Store label (<c>openclaw</c>, <c>claude-cli</c>, …).</param>
/// <param name="Agent">OpenClaw agent id; null for CLI stores and the shared store.</param>
/// <param name="Profile">Display profile id (e-mails masked).</param>
/// <param name="Provider">Normalised provider.</param>
/// <param name="State">Token state (<c>in_sync</c>, <c>stale</c>, …).</param>
/// <param name="ExpiresAt">When the login ends, else when the access token does; null when the store records neither.</param>
/// <param name="ExpiryOf"><c>login</c> or <c>access_token</c>: which of the two <paramref name="ExpiresAt"/> is.</param>
internal sealed record CheckCredential(string Store, string? Agent, string Profile, string Provider, string State, DateTimeOffset? ExpiresAt, string? ExpiryOf);
