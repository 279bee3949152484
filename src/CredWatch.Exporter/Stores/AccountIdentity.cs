namespace CredWatch.Exporter.Stores;

/// <summary>Who a CLI store is logged in as (Claude <c>.claude.json</c> <c>oauthAccount</c>, Codex <c>account_id</c>/id-token e-mail). In-process evidence only.</summary>
/// <param name="Email">Account e-mail, if known.</param>
/// <param name="AccountId">Account id/uuid, if known.</param>
/// <param name="Organization">Organisation name (Claude), if known.</param>
internal sealed record AccountIdentity(string? Email, string? AccountId, string? Organization);
