using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CredWatch.Exporter.Sqlite;

/// <summary>
/// How CredWatch opens OpenClaw's SQLite files (agent stores, the state database, the ledger) without getting in
/// the gateway's way: unpooled (the file is released at once), a short busy timeout, and no checkpoint on close
/// (a connection closing last would otherwise take the exclusive lock to checkpoint and remove the gateway's
/// <c>-wal</c>). Read-only unless the opt-in repairer asks to write.
/// </summary>
internal static class OpenClawDatabase
{
    public static SqliteConnection Open(string path, TimeSpan busyTimeout, bool writable = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = writable ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly,
            Pooling = false,

            // Microsoft.Data.Sqlite retries SQLITE_BUSY for up to this many seconds on top of busy_timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString());
        try
        {
            connection.Open();
            var db = connection.Handle!;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_busy_timeout(db, (int)busyTimeout.TotalMilliseconds), db);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _), db);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

    /// <summary>The reason label of a failed read: <c>busy</c>, <c>corrupt_db</c>, <c>permission_denied</c> or <c>read_failed</c>.</summary>
    public static string Reason(SqliteException ex) => ex.SqliteErrorCode switch
    {
        raw.SQLITE_BUSY or raw.SQLITE_LOCKED => "busy",
        raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB => "corrupt_db",
        raw.SQLITE_PERM or raw.SQLITE_AUTH => "permission_denied",
        _ => "read_failed",
    };

    /// <summary>What went wrong, for a log line or a status detail: the reason and SQLite's own codes.</summary>
    public static string Describe(SqliteException ex) => string.Create(
        CultureInfo.InvariantCulture, $"SQLite error {ex.SqliteErrorCode}/{ex.SqliteExtendedErrorCode} ({Reason(ex)})");
}
