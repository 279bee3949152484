using System.Text;
using CredWatch.Exporter.Sqlite;
using Microsoft.Data.Sqlite;

namespace CredWatch.Exporter.Resync;

/// <summary>
/// Opt-in (<c>Resync:AllowSqliteWrite</c>) repair of a per-agent <c>openclaw-agent.sqlite</c>: one
/// <c>BEGIN IMMEDIATE</c> transaction with a busy timeout re-reads <c>auth_profile_store.primary</c>,
/// re-checks the preconditions, patches <c>store_json</c>, re-reads and verifies, and commits only if
/// every accepted profile verified. A busy gateway is a <c>busy</c> failure, never a wait past the timeout.
/// </summary>
internal sealed class SqliteStoreRepairer(ResyncOptions options, ResyncExecutor executor, TimeProvider time)
{
    public IReadOnlyList<ResyncOutcome> Repair(string databasePath, IReadOnlyList<PlannedRepair> repairs)
    {
        if (repairs.Count == 0)
        {
            return [];
        }

        if (!File.Exists(databasePath))
        {
            return repairs.Select(r => ResyncExecutor.Fail(r, ResyncReasons.ReadFailed, "database missing")).ToList();
        }

        try
        {
            using var conn = OpenClawDatabase.Open(databasePath, options.SqliteBusyTimeout, writable: true);

            // deferred: false → BEGIN IMMEDIATE: the write lock is taken before we read, so nothing changes under us.
            using var tx = conn.BeginTransaction(deferred: false);
            var before = ReadStore(conn, tx);
            if (before is null)
            {
                return repairs.Select(r => ResyncExecutor.Fail(r, ResyncReasons.PreconditionChanged, "no primary store row")).ToList();
            }

            var (accepted, outcomes) = executor.CheckPreconditions(before, repairs);
            if (accepted.Count == 0)
            {
                return outcomes;
            }

            var patch = AuthProfilesPatcher.Patch(before, accepted.ToDictionary(r => r.Candidate.ProfileId, r => r.NewTokens, StringComparer.Ordinal));
            if (patch.Content is null)
            {
                outcomes.AddRange(accepted.Select(r => ResyncExecutor.Fail(r, ResyncReasons.MalformedStore, patch.Error ?? "nothing patchable")));
                return outcomes;
            }

            using (var update = conn.CreateCommand())
            {
                update.Transaction = tx;
                update.CommandText = "UPDATE auth_profile_store SET store_json = $json, updated_at = $now WHERE store_key = 'primary'";
                update.Parameters.AddWithValue("$json", Encoding.UTF8.GetString(patch.Content));
                update.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
                update.ExecuteNonQuery();
            }

            var after = ReadStore(conn, tx) ?? [];
            var verified = executor.Verify(after, accepted, backup: null);
            if (verified.Any(o => o.Action != ResyncAction.Repaired))
            {
                tx.Rollback();
                outcomes.AddRange(accepted.Select(r => ResyncExecutor.Fail(r, ResyncReasons.VerifyFailed, "verification inside the transaction failed; rolled back")));
                return outcomes;
            }

            // The backup is written before commit: a crash between the two leaves a backup and the old row, both valid.
            var backup = BackupRotator.Write(databasePath + ".store_json", before, time, options.BackupCount);
            tx.Commit();
            outcomes.AddRange(verified.Select(o => o with { BackupPath = backup }));
            return outcomes;
        }
        catch (SqliteException ex) when (OpenClawDatabase.IsBusy(ex))
        {
            return repairs.Select(r => ResyncExecutor.Fail(r, ResyncReasons.Busy, "database busy (gateway writing)")).ToList();
        }
        catch (SqliteException ex)
        {
            return repairs.Select(r => ResyncExecutor.Fail(r, ResyncReasons.WriteFailed, OpenClawDatabase.Describe(ex))).ToList();
        }
        catch (IOException ex)
        {
            return repairs.Select(r => ResyncExecutor.Fail(r, ResyncReasons.WriteFailed, "backup failed: " + ex.GetType().Name)).ToList();
        }
    }

    private static byte[]? ReadStore(SqliteConnection conn, SqliteTransaction tx)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT store_json FROM auth_profile_store WHERE store_key = 'primary'";
        return cmd.ExecuteScalar() is string s ? Encoding.UTF8.GetBytes(s) : null;
    }
}
