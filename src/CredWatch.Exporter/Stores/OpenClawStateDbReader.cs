using System.Globalization;
using System.Text.Json;
using CredWatch.Exporter.Sqlite;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Reads OpenClaw's shared store (docs/openclaw-observed.md). The row <c>auth.sharedStore</c> of
/// <c>config_machine_state</c> in <c>&lt;state&gt;/state/openclaw.sqlite</c> says where it lives: absent or
/// <c>legacy-main</c> → main's <c>primary</c> store; <c>state-db</c> → this database, in tables
/// <c>auth_profile_stores</c>/<c>auth_profile_state</c> (<c>store_key = 'shared'</c>) for schema 7–12, in the rows
/// <c>authProfiles.store</c>/<c>authProfiles.state</c> from 13 on (18 on 2026.9.6, which has no such tables).
/// The reader is chosen by <c>PRAGMA user_version</c>; a newer schema is tried with the newest reader and, when
/// that fails, reported as <c>unsupported_layout</c> with its number. Same read-only rules as the agent reader.
/// </summary>
internal static class OpenClawStateDbReader
{
    /// <summary>Oldest state schema with the shared-store tables.</summary>
    public const int FirstTablesSchema = 7;

    /// <summary>First state schema keeping the shared store as <c>config_machine_state</c> rows.</summary>
    public const int FirstRowsSchema = 13;

    /// <summary>Newest state schema CredWatch has seen (OpenClaw 2026.9.6).</summary>
    public const int NewestKnownSchema = 18;

    public const string StateDatabase = "openclaw.sqlite";

    public static string PathFor(string openClawStateDir) => Path.Combine(openClawStateDir, "state", StateDatabase);

    public static async Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken)
    {
        var snapshot = await OpenClawSqliteReader.ReadWithRetriesAsync(location, ctx, StoreLayout.Unknown, () => Read(location, ctx), cancellationToken);
        if (snapshot is not null)
        {
            return snapshot;
        }

        // legacy-main: the main agent's own store is the shared one; read it under the shared store's id.
        var main = location.MainAgentDir ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(location.Path)!)!, "agents", "main", "agent");
        var legacy = await OpenClawAgentReader.ReadAsync(new StoreLocation(location.Id, main), ctx, cancellationToken);
        return legacy with { SharedLocation = SharedStoreLocations.LegacyMain };
    }

    /// <summary>Null when the shared store is main's (legacy-main).</summary>
    private static StoreSnapshot? Read(StoreLocation location, ReadContext ctx)
    {
        var path = location.Path;
        using var connection = OpenClawSqliteReader.OpenReadOnly(path, ctx);
        var schema = Convert.ToInt32(OpenClawSqliteReader.Scalar(connection, "PRAGMA user_version") ?? 0L, CultureInfo.InvariantCulture);
        using var tx = connection.BeginTransaction(deferred: true);
        var hasMachineState = OpenClawSqliteReader.TableExists(connection, "config_machine_state");
        var where = hasMachineState ? SharedLocation(connection, tx, path) : null;
        if (where is null or SharedStoreLocations.LegacyMain)
        {
            return null;
        }

        if (where != SharedStoreLocations.StateDb)
        {
            throw new StoreReadException(StoreErrorReasons.UnsupportedLayout, $"{path}: auth.sharedStore location '{Bounded(where)}' is not one CredWatch knows (legacy-main, state-db)");
        }

        StoreSnapshot Fail(string why) => ctx.Failed(location.Id, path, StoreLayout.Unknown,
            new StoreError(StoreErrorReasons.UnsupportedLayout, $"{path}: state schema {schema}: {why}"), schema) with { SharedLocation = SharedStoreLocations.StateDb };

        if (schema < FirstTablesSchema)
        {
            return Fail($"a state-db shared store needs schema {FirstTablesSchema} or newer");
        }

        if (schema < FirstRowsSchema)
        {
            if (!OpenClawSqliteReader.TableExists(connection, "auth_profile_stores"))
            {
                return Fail("no auth_profile_stores table");
            }

            var store = OpenClawSqliteReader.Row(connection, tx, "SELECT store_json, updated_at FROM auth_profile_stores WHERE store_key = 'shared'");
            var state = OpenClawSqliteReader.TableExists(connection, "auth_profile_state")
                ? OpenClawSqliteReader.Row(connection, tx, "SELECT state_json, updated_at FROM auth_profile_state WHERE store_key = 'shared'")
                : (null, null);
            return Build(location, ctx, schema, StoreLayout.OpenClawStateDbTables, store, state, "auth_profile_stores[shared]", "auth_profile_state[shared]");
        }

        var future = schema > NewestKnownSchema;
        var storeRow = OpenClawSqliteReader.Row(connection, tx, "SELECT value_json, updated_at_ms FROM config_machine_state WHERE state_key = 'authProfiles.store'");
        var stateRow = OpenClawSqliteReader.Row(connection, tx, "SELECT value_json, updated_at_ms FROM config_machine_state WHERE state_key = 'authProfiles.state'");

        // A schema from the future: the newest reader must find what it expects, else say so with the number.
        if (future && storeRow.Json is null)
        {
            return Fail($"newer than the newest CredWatch knows ({NewestKnownSchema}) and has no authProfiles.store row");
        }

        try
        {
            return Build(location, ctx, schema, StoreLayout.OpenClawStateDbRows, storeRow, stateRow, "authProfiles.store", "authProfiles.state");
        }
        catch (StoreReadException ex) when (future)
        {
            return Fail($"newer than the newest CredWatch knows ({NewestKnownSchema}) and not readable as schema {NewestKnownSchema}: {ex.Message}");
        }
    }

    private static string? SharedLocation(SqliteConnection connection, SqliteTransaction tx, string path)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT value_json FROM config_machine_state WHERE state_key = 'auth.sharedStore'";
        if (cmd.ExecuteScalar() is not string json)
        {
            return null;
        }

        using var doc = OpenClawSqliteReader.ParseJson(json, path, "config_machine_state[auth.sharedStore]");
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.String
            ? l.GetString()
            : throw new StoreReadException(StoreErrorReasons.UnsupportedLayout, $"{path}: auth.sharedStore has no location string");
    }

    private static StoreSnapshot Build(
        StoreLocation location, ReadContext ctx, int schema, StoreLayout layout,
        (string? Json, long? UpdatedAt) store, (string? Json, long? UpdatedAt) state, string storeWhere, string stateWhere) =>
        OpenClawSqliteReader.Snapshot(location, ctx, schema, layout, store, state, storeWhere, stateWhere)
            with { SharedLocation = SharedStoreLocations.StateDb };

    private static string Bounded(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
