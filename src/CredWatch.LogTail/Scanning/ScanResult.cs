using CredWatch.LogTail.Signals;

namespace CredWatch.LogTail.Scanning;

/// <summary>What <see cref="LogScanner.Scan"/> found: counted signals in file order, and per-file problems.</summary>
public sealed record ScanResult(IReadOnlyList<LogSignal> Signals, long Lines, long SkippedTooLong, IReadOnlyList<string> Problems);
