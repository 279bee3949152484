using System.Buffers;
using System.Text.Json;
using CredWatch.Exporter.Comparison;
using CredWatch.Exporter.Registry;
using CredWatch.Exporter.Reporting;
using CredWatch.Exporter.Stores;
using CredWatch.Exporter.Web.Status;

namespace CredWatch.Exporter.Web;

/// <summary>Builds the <c>/api/status</c> JSON: every store, credential, state, expiry — never a secret or fingerprint.</summary>
internal static class StatusDocument
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };
    private static readonly HashSet<string> CoreFields = new(["version", "now", "ready", "lastScanAt", "openclawStateDir", "stores"], StringComparer.Ordinal);

    /// <summary>The document as indented UTF-8 JSON.</summary>
    public static byte[] ToUtf8Json(RegistryState state, IEnumerable<IStatusContributor> contributors, TimeProvider time)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            Write(writer, state, contributors, time);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The core fields, then each contributor's section in registration order (a later section of the same name
    /// replaces an earlier one in place). Written by hand around the typed parts, because the sections are only
    /// known at run time and reflection-based serialisation is not available under Native AOT.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, RegistryState state, IEnumerable<IStatusContributor> contributors, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(contributors);
        ArgumentNullException.ThrowIfNull(time);

        var sections = new OrderedDictionary<string, StatusSection>(StringComparer.Ordinal);
        foreach (var c in contributors)
        {
            // A section may not shadow a core field: the document would carry the name twice.
            if (!CoreFields.Contains(c.Name) && c.GetStatus() is { } section)
            {
                sections[c.Name] = section;
            }
        }

        writer.WriteStartObject();
        writer.WriteString("version", Metrics.BuildIdentity.Version);
        writer.WriteString("now", time.GetUtcNow());
        writer.WriteBoolean("ready", state.Ready);
        WriteTimestamp(writer, "lastScanAt", state.LastScanAt);
        writer.WriteString("openclawStateDir", state.OpenClawStateDir);
        writer.WritePropertyName("stores");
        IReadOnlyList<StoreStatusView> stores = [.. state.Stores.Values
            .OrderBy(e => e.Snapshot.Id.Store, StringComparer.Ordinal).ThenBy(e => e.Snapshot.Id.Agent, StringComparer.Ordinal)
            .Select(e => StoreView(e, state))];
        JsonSerializer.Serialize(writer, stores, StatusJsonContext.Default.IReadOnlyListStoreStatusView);
        foreach (var (name, section) in sections)
        {
            writer.WritePropertyName(name);
            section.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static StoreStatusView StoreView(StoreEntry e, RegistryState state)
    {
        var comparisons = state.Comparisons;
        var s = e.Snapshot;
        return new StoreStatusView(
            Store: s.Id.Store,
            Agent: s.Id.Agent,
            Path: s.Path,
            Layout: s.Layout.ToString(),
            Up: s.Up,
            Present: s.Present,
            Absent: s.Absent,
            Error: s.Error,
            SchemaVersion: s.SchemaVersion,
            UpdatedAt: s.UpdatedAt,
            LastChangeAt: e.LastChangeAt,
            SharedLocation: s.SharedLocation,
            MigrationRequiredBy: s.MigrationRequiredBy,
            IgnoredResignIns: [.. s.IgnoredResignIns.Select(i => new IgnoredResignInView(i.DisplayId, i.ArchivePath, i.ArchivedAt, i.ArchivedExpiresAt))],
            EffectiveProfiles: EffectiveProfiles(s, state),
            Profiles: [.. s.Profiles.Select(p =>
            {
                var c = comparisons.FirstOrDefault(x => x.Store == s.Id && x.ProfileId == p.ProfileId);
                return new ProfileStatusView(
                    Profile: p.DisplayId,
                    Provider: p.NormalizedProvider,
                    Type: p.Type.ToString(),
                    State: c?.State,
                    Source: c?.Source?.ToString(),
                    Proof: c?.Proof.Kind.ToString(),
                    Detail: c?.Detail,
                    Fence: p.Fence == FenceState.None ? null : p.Fence.ToString(),
                    AccessExpiresAt: p.AccessExpiresAt,
                    RefreshExpiresAt: p.RefreshExpiresAt,
                    LoginExpiresAt: c?.LoginExpiresAt,
                    ShadowsShared: c?.ShadowsShared ?? false,
                    StaleShadow: c?.StaleShadow ?? false);
            })]);
    }

    /// <summary>For an agent store: every profile the agent really uses and which copy (its own shadows the shared one).</summary>
    private static List<EffectiveProfileView>? EffectiveProfiles(StoreSnapshot s, RegistryState state)
    {
        if (s.Id.Store != StoreLabels.OpenClaw || s.Id.Agent is null)
        {
            return null;
        }

        var shared = state.Stores.Values.Select(e => e.Snapshot).FirstOrDefault(x => x.Id.Store == StoreLabels.OpenClawShared && x.Up);
        string? StateOf(StoreId store, string profileId) => state.Comparisons.FirstOrDefault(x => x.Store == store && x.ProfileId == profileId)?.State;
        return [.. s.Profiles.Select(p => new EffectiveProfileView(
                p.DisplayId, "local", shared?.Profiles.Any(x => x.ProfileId == p.ProfileId) ?? false, StateOf(s.Id, p.ProfileId))),
            .. (shared?.Profiles ?? []).Where(x => !s.Profiles.Any(l => l.ProfileId == x.ProfileId))
                .Select(p => new EffectiveProfileView(p.DisplayId, StoreLabels.OpenClawShared, false, StateOf(shared!.Id, p.ProfileId)))];
    }
}
