using System.Text;

namespace CredWatch.LogTail.Bench;

/// <summary>Writes a log shaped like OpenClaw 2026.9.6's (tslog JSON, 0.3–2 KB lines, one signal per ~10,000 lines).</summary>
internal static class RealisticLog
{
    public const string SignalNeedle = "OAuth token refresh failed";

    public static (long Lines, long Signals) Write(string path, long targetBytes, int seed = 42)
    {
        var rnd = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        long lines = 0, signals = 0, bytes = 0;
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        var sb = new StringBuilder(4096);
        while (bytes < targetBytes)
        {
            sb.Clear();
            var t = start.AddMilliseconds(lines * 37);
            var time = t.ToString("yyyy-MM-ddTHH:mm:ss.fff+00:00", System.Globalization.CultureInfo.InvariantCulture);
            var isSignal = rnd.Next(10_000) == 0;
            if (isSignal)
            {
                signals++;
                sb.Append("{\"0\":\"{\\\"subsystem\\\":\\\"diagnostic\\\"}\",\"1\":{\"errorName\":\"OAuthRefreshFailureError\",\"runId\":\"").Append(Guid.NewGuid()).Append("\"},\"2\":\"lane task error: lane=session:agent:main:main durationMs=1561 error=\\\"OAuth token refresh failed for anthropic: Failed to refresh OAuth token for anthropic | Anthropic token refresh request failed. url=https://platform.claude.com/v1/oauth/token; details=TypeError: fetch failed\\\"\"");
            }
            else
            {
                switch (rnd.Next(4))
                {
                    case 0:
                        sb.Append("{\"0\":\"{\\\"subsystem\\\":\\\"session-sqlite\\\"}\",\"1\":{\"pid\":").Append(rnd.Next(1000, 99999))
                          .Append(",\"threadId\":0,\"isMainThread\":true,\"reclamationKind\":\"maintenance-plan\",\"workerThreadId\":").Append(rnd.Next(1, 9))
                          .Append(",\"elapsedMs\":").Append(rnd.Next(5, 3000)).Append(",\"outcome\":\"completed\"},\"2\":\"SQLite reclamation Worker operation\"");
                        break;
                    case 1:
                        sb.Append("{\"0\":\"{\\\"subsystem\\\":\\\"gateway/channels/telegram\\\"}\",\"1\":\"getUpdates ok updates=").Append(rnd.Next(0, 5))
                          .Append(" offset=").Append(rnd.NextInt64(100000000, 999999999)).Append('"');
                        break;
                    case 2:
                        sb.Append("{\"0\":\"{\\\"subsystem\\\":\\\"agent/embedded\\\"}\",\"1\":{\"event\":\"tool_result\",\"runId\":\"").Append(Guid.NewGuid())
                          .Append("\",\"tool\":\"read\",\"bytes\":").Append(rnd.Next(100, 90000)).Append(",\"preview\":\"")
                          .Append('a', rnd.Next(200, 1400)).Append("\"},\"2\":\"tool finished\"");
                        break;
                    default:
                        sb.Append("{\"0\":\"[agent] model response streamed tokens=").Append(rnd.Next(10, 4000)).Append(" model=anthropic/claude-sonnet-4-6 stop=end_turn\"");
                        break;
                }
            }

            sb.Append(",\"_meta\":{\"runtime\":\"node\",\"runtimeVersion\":\"26.10.0\",\"hostname\":\"vm\",\"name\":\"openclaw\",\"date\":\"").Append(time)
              .Append("\",\"logLevelId\":3,\"logLevelName\":\"INFO\",\"path\":{\"fullFilePath\":\"file:///usr/lib/node_modules/openclaw/dist/subsystem-D2xHvZZd.js:1026:51\",\"fileName\":\"subsystem-D2xHvZZd.js\",\"method\":\"logToFile\"}},\"time\":\"")
              .Append(time).Append("\",\"hostname\":\"vm\"}\n");
            var b = Encoding.UTF8.GetBytes(sb.ToString());
            fs.Write(b);
            bytes += b.Length;
            lines++;
        }

        return (lines, signals);
    }
}
