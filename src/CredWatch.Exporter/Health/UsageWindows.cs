using System.Globalization;
using System.Text.Json;
using CredWatch.Exporter.Stores;

namespace CredWatch.Exporter.Health;

/// <summary>
/// OpenClaw's unusable windows of one usage entry at one instant, following its own rules (2026.9.x
/// <c>usage-state</c>): the profile is out while <c>max(blockedUntil, cooldownUntil, disabledUntil)</c> is in the
/// future, except that a cooldown for <c>rate_limit</c>/<c>timeout</c>/<c>model_not_found</c> with a
/// <c>cooldownModel</c> (or a <c>blockedScope: "model"</c> block) only benches that one model, and providers whose
/// limits are provider-managed (openrouter, kilocode) never cool down. Older releases write none of the scoping
/// keys, so the plain fields apply unchanged. The scoping keys are read from the entry's raw JSON.
/// </summary>
/// <param name="CooldownUntil">Active profile-wide cooldown end.</param>
/// <param name="DisabledUntil">Active disable end.</param>
/// <param name="BlockedUntil">Active profile-wide block end.</param>
/// <param name="ModelScoped">Active model-scoped cooldown/block: the model it benches (the profile stays usable for others).</param>
/// <param name="ModelScopedUntil">When that model-scoped window ends.</param>
internal sealed record UsageWindows(
    DateTimeOffset? CooldownUntil,
    DateTimeOffset? DisabledUntil,
    DateTimeOffset? BlockedUntil,
    string? ModelScoped,
    DateTimeOffset? ModelScopedUntil)
{
    public static readonly UsageWindows None = new(null, null, null, null, null);

    /// <summary>Latest end among the profile-wide windows (what OpenClaw calls "unusable until").</summary>
    public DateTimeOffset? UnusableUntil => new[] { CooldownUntil, DisabledUntil, BlockedUntil }.Max();

    public static UsageWindows Of(ProfileUsage? usage, string provider, DateTimeOffset now)
    {
        // Provider-managed limits: OpenClaw ignores its own cooldown bookkeeping for these (disables included).
        if (usage is null || provider is "openrouter" or "kilocode")
        {
            return None;
        }

        var raw = usage.Raw;
        string? scopedModel = null;
        DateTimeOffset? scopedUntil = null;

        DateTimeOffset? cooldown = Active(usage.CooldownUntil, now);
        var cooldownModel = Text(raw, "cooldownModel");
        if (cooldown is not null && cooldownModel is not null && Text(raw, "cooldownReason") is "rate_limit" or "timeout" or "model_not_found")
        {
            (scopedModel, scopedUntil, cooldown) = (cooldownModel, cooldown, null);
        }

        DateTimeOffset? blocked = Active(Time(raw, "blockedUntil"), now);
        var blockedModel = Text(raw, "blockedModel");
        if (blocked is not null && blockedModel is not null && Text(raw, "blockedScope") == "model")
        {
            scopedModel ??= blockedModel;
            scopedUntil = scopedUntil is { } s && s > blocked ? s : blocked;
            blocked = null;
        }

        return new UsageWindows(cooldown, Active(usage.DisabledUntil, now), blocked, scopedModel, scopedUntil);
    }

    private static DateTimeOffset? Active(DateTimeOffset? t, DateTimeOffset now) => t is { } v && v > now ? v : null;

    /// <summary>
    /// The earliest instant after <paramref name="now"/> at which any window of <paramref name="usage"/> opens or
    /// closes (<see cref="DateTimeOffset.MaxValue"/> when none is pending): until then <see cref="Of"/> gives the same
    /// answer. Deliberately a superset (a bypassed provider's windows count too): an extra evaluation is harmless.
    /// </summary>
    public static DateTimeOffset NextChange(ProfileUsage usage, DateTimeOffset now) =>
        new[] { usage.CooldownUntil, usage.DisabledUntil, Time(usage.Raw, "blockedUntil") }
            .OfType<DateTimeOffset>().Where(v => v > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();

    private static string? Text(JsonElement raw, string name) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    // OpenClaw accepts epoch milliseconds (number or numeric string) and ISO dates here.
    private static DateTimeOffset? Time(JsonElement raw, string name)
    {
        if (raw.ValueKind != JsonValueKind.Object || !raw.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var ms) && ms is > 0 and < 253402300799999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        if (v.ValueKind == JsonValueKind.String && v.GetString() is { } s)
        {
            if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var sms) && sms is > 0 and < 253402300799999)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(sms);
            }

            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
            {
                return iso;
            }
        }

        return null;
    }
}
