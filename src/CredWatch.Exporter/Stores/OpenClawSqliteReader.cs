using System.Globalization;
using System.Text.Json;
using CredWatch.Exporter.Sqlite;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Stores;

/// <summary>
/// Reads the per-agent database <c>openclaw-agent.sqlite</c> (docs/openclaw-observed.md) without ever getting in the
/// gateway's way: opened by <see cref="OpenClawDatabase"/>, with a few retries on SQLITE_BUSY/LOCKED.
/// </summary>
internal static class OpenClawSqliteReader
{
    internal const int BusyRetries = 3;

    public static async Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken) =>
        await ReadWithRetriesAsync(location, ctx, StoreLayout.OpenClawAgentSqlite, () => Read(location, ctx), cancellationToken)
        ?? throw new InvalidOperationException("an agent store read always gives a snapshot");

    /// <summary>
    /// Runs a read on a fresh read-only connection, again after a short pause while SQLite answers BUSY/LOCKED, and
    /// turns a failure into a failed snapshot of <paramref name="failedLayout"/>.
    /// </summary>
    internal static async Task<StoreSnapshot?> ReadWithRetriesAsync(
        StoreLocation location, ReadContext ctx, StoreLayout failedLayout, Func<StoreSnapshot?> read, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return read();
            }
            catch (SqliteException ex) when (OpenClawDatabase.IsBusy(ex) && attempt < BusyRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25 * (attempt + 1)), ctx.Time, cancellationToken);
            }
            catch (SqliteException ex)
            {
                return ctx.Failed(location.Id, location.Path, failedLayout,
                    new StoreError(OpenClawDatabase.Reason(ex), $"{location.Path}: {OpenClawDatabase.Describe(ex)}"));
            }
            catch (StoreReadException ex)
            {
                return ctx.Failed(location.Id, location.Path, failedLayout, ex.ToError());
            }
        }
    }

    /// <summary>Opens a database for reading once its size is within the limit.</summary>
    internal static SqliteConnection OpenReadOnly(string path, ReadContext ctx)
    {
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreReadException(
                ex is UnauthorizedAccessException ? StoreErrorReasons.PermissionDenied : StoreErrorReasons.ReadFailed, $"{path}: {ex.Message}");
        }

        return length > ctx.Scan.MaxFileBytes * 10
            ? throw new StoreReadException(StoreErrorReasons.TooLarge, $"{path} is {length} bytes, over the database size limit")
            : OpenClawDatabase.Open(path, ctx.Scan.SqliteBusyTimeout);
    }

    private static StoreSnapshot Read(StoreLocation location, ReadContext ctx)
    {
        using var connection = OpenReadOnly(location.Path, ctx);
        var (schema, store, state) = TryReadPrimary(connection) ?? ReadPrimaryTableByTable(connection, location.Path);
        return Snapshot(location, ctx, schema, StoreLayout.OpenClawAgentSqlite, store, state, "auth_profile_store[primary]", "auth_profile_state[primary]");
    }

    /// <summary>The snapshot of a store kept as a JSON row, with its usage state as another (either may be missing).</summary>
    internal static StoreSnapshot Snapshot(
        StoreLocation location, ReadContext ctx, int schema, StoreLayout layout,
        (string? Json, long? UpdatedAt) store, (string? Json, long? UpdatedAt) state, string storeWhere, string stateWhere)
    {
        var path = location.Path;
        var profiles = (IReadOnlyList<ProfileSnapshot>)[];
        var contentKey = $"{schema}|{store.UpdatedAt}|{state.UpdatedAt}|";
        if (store.Json is not null)
        {
            using var doc = ParseJson(store.Json, path, storeWhere);
            (_, profiles) = OpenClawStoreParser.ParseProfiles(doc.RootElement, storeWhere, ctx.Fingerprinter);
            contentKey += store.Json;
        }

        var usage = UsageState.Empty;
        if (state.Json is not null)
        {
            using var doc = ParseJson(state.Json, path, stateWhere);
            usage = OpenClawStoreParser.ParseUsage(doc.RootElement, stateWhere, Time(state.UpdatedAt));
            contentKey += state.Json;
        }

        return new StoreSnapshot(location.Id, path, layout, null, schema, profiles, usage, null, Time(store.UpdatedAt),
            ctx.Time.GetUtcNow(), ctx.Fingerprinter.OfBytes(System.Text.Encoding.UTF8.GetBytes(contentKey)));
    }

    private static DateTimeOffset? Time(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>
    /// The common case in one statement, hence one read transaction (both rows from the same commit, WAL frames
    /// included) and one prepare instead of eight round trips: opening the database and its WAL index is most of a
    /// read's cost, the rest was statement overhead (bench/ScanBench). Null when a table is missing (older or odd
    /// layouts): the caller then takes the table-by-table path, which says precisely what is missing.
    /// </summary>
    private static (int Schema, (string?, long?) Store, (string?, long?) State)? TryReadPrimary(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = PrimaryQuery;
        try
        {
            using var reader = cmd.ExecuteReader();
            return reader.Read()
                ? (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Cells(reader, 1), Cells(reader, 3))
                : null;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_ERROR)
        {
            // "no such table/column": not the 2026.6+ layout this statement expects.
            return null;
        }
    }

    private const string PrimaryQuery = """
        SELECT v.user_version, s.store_json, s.updated_at, t.state_json, t.updated_at
        FROM pragma_user_version AS v
        LEFT JOIN auth_profile_store AS s ON s.store_key = 'primary'
        LEFT JOIN auth_profile_state AS t ON t.state_key = 'primary'
        LIMIT 1
        """;

    private static (int Schema, (string?, long?) Store, (string?, long?) State) ReadPrimaryTableByTable(SqliteConnection connection, string path)
    {
        var schema = Convert.ToInt32(Scalar(connection, "PRAGMA user_version") ?? 0L, CultureInfo.InvariantCulture);
        if (!TableExists(connection, "auth_profile_store"))
        {
            throw new StoreReadException(StoreErrorReasons.UnsupportedLayout, $"{path} (schema {schema}) has no auth_profile_store table");
        }

        using var tx = connection.BeginTransaction(deferred: true);
        var store = Row(connection, tx, "SELECT store_json, updated_at FROM auth_profile_store WHERE store_key = 'primary'");
        var state = TableExists(connection, "auth_profile_state")
            ? Row(connection, tx, "SELECT state_json, updated_at FROM auth_profile_state WHERE state_key = 'primary'")
            : (null, null);
        tx.Commit();
        return (schema, store, state);
    }

    /// <summary>A JSON text and its update time in milliseconds, each null when NULL or of another type.</summary>
    private static (string?, long?) Cells(SqliteDataReader reader, int ordinal) =>
        (reader.GetValue(ordinal) as string, reader.GetValue(ordinal + 1) as long?);

    internal static JsonDocument ParseJson(string json, string path, string column)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new StoreReadException(StoreErrorReasons.InvalidJson, $"{path}: {column} is not valid JSON (line {ex.LineNumber + 1})");
        }
    }

    internal static (string? Json, long? UpdatedAt) Row(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? Cells(reader, 0) : (null, null);
    }

    internal static bool TableExists(SqliteConnection connection, string table)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        cmd.Parameters.AddWithValue("$name", table);
        return cmd.ExecuteScalar() is not null;
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
