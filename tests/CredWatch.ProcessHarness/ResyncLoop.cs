using System.Text;
using CredWatch.Exporter.Resync;
using CredWatch.Exporter.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredWatch.ProcessHarness;

/// <summary>CredWatch's repair path (lock → re-read → precondition → patch → backup → atomic write → verify) in a loop.</summary>
internal static class ResyncLoop
{
    public const long ExpiresBase = 4_102_444_800_000; // 2100-01-01: far future, generation in the last 6 digits

    public static string Access(long gen) => $"sk-ant-oat01-FIXTUREaccessGEN{gen:D6}";

    public static string Refresh(long gen) => $"sk-ant-ort01-FIXTURErefreshGEN{gen:D6}";

    public static async Task<int> GenerationsAsync(string store, int cycles, string profile)
    {
        var fp = new Fingerprinter(Program.FingerprintKey);
        var executor = NewExecutor(fp, Program.FastLock());
        var repaired = 0;
        for (var gen = 1; gen <= cycles; gen++)
        {
            var outcome = await RepairOnceAsync(executor, fp, store, profile, gen);
            if (outcome.Action != ResyncAction.Repaired)
            {
                throw new HarnessFailure(6, $"resync-loop: cycle {gen}: {outcome.Action} {outcome.Reason} {outcome.Detail}");
            }

            repaired++;
        }

        Console.WriteLine($"resync done {repaired}");
        return 0;
    }

    /// <summary>Alternates the profile between generation 1 and 2; appends one byte to progress per completed cycle.</summary>
    public static async Task<int> ToggleAsync(string store, int cycles, string profile, string progress)
    {
        var fp = new Fingerprinter(Program.FingerprintKey);
        var executor = NewExecutor(fp, Program.FastLock());
        using var progressStream = new FileStream(progress, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        for (var i = 0; i < cycles; i++)
        {
            var current = AuthProfilesPatcher.ReadProfile(await File.ReadAllBytesAsync(store), profile)
                ?? throw new HarnessFailure(3, "toggle: profile missing or store invalid");
            var next = current.Refresh == Refresh(1) ? 2 : 1;
            var outcome = await RepairOnceAsync(executor, fp, store, profile, next);
            if (outcome.Action != ResyncAction.Repaired)
            {
                throw new HarnessFailure(6, $"toggle: cycle {i}: {outcome.Action} {outcome.Reason} {outcome.Detail}");
            }

            progressStream.WriteByte((byte)'.');
            progressStream.Flush();
        }

        return 0;
    }

    private static ResyncExecutor NewExecutor(Fingerprinter fp, OpenClawLockOptions lockOptions) =>
        new(new ResyncOptions { BackupCount = 3, Lock = lockOptions }, fp, TimeProvider.System, NullLogger.Instance);

    private static async Task<ResyncOutcome> RepairOnceAsync(ResyncExecutor executor, Fingerprinter fp, string store, string profile, long gen)
    {
        // Unlocked read, exactly like a scan: the executor re-checks it under the lock.
        var current = AuthProfilesPatcher.ReadProfile(await File.ReadAllBytesAsync(store), profile)
            ?? throw new HarnessFailure(3, "resync: profile missing or store invalid");
        var copy = new ResyncCopy("oauth", null, current.Refresh is null ? null : fp.Of(current.Refresh).Hex, null, current.ExpiresAtMs, null, null);
        var source = new ResyncSource("claude-cli", "harness", false, ExpiresBase + gen, fp.Of(Refresh(gen)).Hex, fp.Of(Access(gen)).Hex,
            new HashSet<string>(), null, null);
        var candidate = new ResyncCandidate("harness", profile, profile, "anthropic", TargetLayout.AuthProfilesJson, store, CopyRelation.Stale, copy, source);
        var decision = new ResyncDecision(true, null, ResyncProof.CliImportProfile, "harness");
        var results = await executor.RepairJsonStoreAsync(store, [new PlannedRepair(candidate, decision, new ProfileTokenUpdate(Access(gen), Refresh(gen), ExpiresBase + gen))], CancellationToken.None);
        return results.Single();
    }
}
