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

    public static async Task<StoreSnapshot> ReadAsync(StoreLocation location, ReadContext ctx, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Read(location, ctx);
            }
            catch (SqliteException ex) when (OpenClawDatabase.IsBusy(ex) && attempt < BusyRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25 * (attempt + 1)), ctx.Time, cancellationToken);
            }
            catch (SqliteException ex)
            {
                return ctx.Failed(location.Id, location.Path, StoreLayout.OpenClawAgentSqlite, Map(ex, location.Path));
            }
            catch (StoreReadException ex)
            {
                return ctx.Failed(location.Id, location.Path, StoreLayout.OpenClawAgentSqlite, ex.ToError());
            }
        }
    }

    internal static StoreError Map(SqliteException ex, string path) => new(OpenClawDatabase.Reason(ex), $"{path}: {OpenClawDatabase.Describe(ex)}");

    private static StoreSnapshot Read(StoreLocation location, ReadContext ctx)
    {
        var path = location.Path;
        var info = new FileInfo(path);
        if (info.Length > ctx.Scan.MaxFileBytes * 10)
        {
            throw new StoreReadException(StoreErrorReasons.TooLarge, $"{path} is {info.Length} bytes, over the database size limit");
        }

        using var connection = OpenReadOnly(path, ctx);
        var (schema, storeJson, storeUpdated, stateJson, stateUpdated) = TryReadPrimary(connection) ?? ReadPrimaryTableByTable(connection, path);
        var profiles = (IReadOnlyList<ProfileSnapshot>)[];
        int? version = null;
        var contentKey = $"{schema}|{storeUpdated}|{stateUpdated}|";
        if (storeJson is not null)
        {
            using var doc = ParseJson(storeJson, path, "auth_profile_store.store_json");
            (version, profiles) = OpenClawStoreParser.ParseProfiles(doc.RootElement, "auth_profile_store[primary]", ctx.Fingerprinter);
            contentKey += storeJson;
        }

        var usage = UsageState.Empty;
        var stateTime = stateUpdated is { } su ? DateTimeOffset.FromUnixTimeMilliseconds(su) : (DateTimeOffset?)null;
        if (stateJson is not null)
        {
            using var doc = ParseJson(stateJson, path, "auth_profile_state.state_json");
            usage = OpenClawStoreParser.ParseUsage(doc.RootElement, "auth_profile_state[primary]", stateTime);
            contentKey += stateJson;
        }

        var updated = storeUpdated is { } u ? DateTimeOffset.FromUnixTimeMilliseconds(u) : (DateTimeOffset?)null;
        return new StoreSnapshot(
            location.Id, path, StoreLayout.OpenClawAgentSqlite, null, schema, profiles, usage, null,
            updated, ctx.Time.GetUtcNow(), ctx.Fingerprinter.OfBytes(System.Text.Encoding.UTF8.GetBytes(contentKey)));
    }

    /// <summary>
    /// The common case in one statement, hence one read transaction (both rows from the same commit, WAL frames
    /// included) and one prepare instead of eight round trips: opening the database and its WAL index is most of a
    /// read's cost, the rest was statement overhead (bench/ScanBench). Null when a table is missing (older or odd
    /// layouts): the caller then takes the table-by-table path, which says precisely what is missing.
    /// </summary>
    private static (int Schema, string? StoreJson, long? StoreUpdated, string? StateJson, long? StateUpdated)? TryReadPrimary(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = PrimaryQuery;
        try
        {
            using var reader = cmd.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return (Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Text(reader, 1), Millis(reader, 2), Text(reader, 3), Millis(reader, 4));
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

    private static (int Schema, string? StoreJson, long? StoreUpdated, string? StateJson, long? StateUpdated) ReadPrimaryTableByTable(SqliteConnection connection, string path)
    {
        var schema = Convert.ToInt32(Scalar(connection, "PRAGMA user_version") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        if (!TableExists(connection, "auth_profile_store"))
        {
            throw new StoreReadException(StoreErrorReasons.UnsupportedLayout, $"{path} (schema {schema}) has no auth_profile_store table");
        }

        using var tx = connection.BeginTransaction(deferred: true);
        var (storeJson, storeUpdated) = Row(connection, tx, "SELECT store_json, updated_at FROM auth_profile_store WHERE store_key = 'primary'");
        var (stateJson, stateUpdated) = TableExists(connection, "auth_profile_state")
            ? Row(connection, tx, "SELECT state_json, updated_at FROM auth_profile_state WHERE state_key = 'primary'")
            : (null, null);
        tx.Commit();
        return (schema, storeJson, storeUpdated, stateJson, stateUpdated);
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal) as string;

    private static long? Millis(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal) is long l ? l : null;

    internal static SqliteConnection OpenReadOnly(string path, ReadContext ctx) => OpenClawDatabase.Open(path, ctx.Scan.SqliteBusyTimeout);

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
        if (!reader.Read())
        {
            return (null, null);
        }

        var json = reader.IsDBNull(0) ? null : reader.GetValue(0) as string;
        long? updated = reader.IsDBNull(1) ? null : reader.GetValue(1) is long l ? l : null;
        return (json, updated);
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
