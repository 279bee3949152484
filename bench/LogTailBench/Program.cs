using CredWatch.LogTail.Bench;

// Two claims of issue 3, each printed side by side with its peer:
//   throughput [GB]  — catch-up over a realistic log vs `grep -cF 'OAuth token refresh failed'` (ratio ≥ 1.0 wanted)
//   latency [N]      — append → counted signal through the real hosted tailer (inotify), p50/p99 (p99 < 100 ms wanted)
var mode = args.Length > 0 ? args[0] : "throughput";
return mode switch
{
    "throughput" => Throughput.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.0),
    "profile" when args.Length > 1 => Profile.Run(args[1]),
    "generate" when args.Length > 2 => Generate(args[1], double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "latency" => await Latency.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000),
    _ => Usage(),
};

static int Generate(string path, double gb)
{
    var (lines, signals) = RealisticLog.Write(path, (long)(gb * 1024 * 1024 * 1024));
    Console.WriteLine($"{path}: {lines:N0} lines, {signals} signal lines");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: LogTailBench throughput [GB [FILE]] | latency [N] | profile FILE | generate FILE GB");
    return 2;
}
