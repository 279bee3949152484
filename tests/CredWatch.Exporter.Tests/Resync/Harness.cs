using System.Diagnostics;
using System.Text;

namespace CredWatch.Exporter.Tests.Resync;

/// <summary>Starts tests/CredWatch.ProcessHarness as a real separate process.</summary>
internal sealed class Harness : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    private Harness(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    public int Pid => Process.Id;

    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string StdOut
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public static Harness Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CredWatch.ProcessHarness.dll");
        File.Exists(dll).Should().BeTrue("the harness is built next to the tests via ProjectReference");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var p = new Process { StartInfo = psi };
        var h = new Harness(p);
        p.ErrorDataReceived += (_, e) =>
        {
            lock (h._stderr)
            {
                h._stderr.AppendLine(e.Data);
            }
        };
        p.OutputDataReceived += (_, e) =>
        {
            lock (h._stdout)
            {
                h._stdout.AppendLine(e.Data);
            }
        };
        p.Start();
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        return h;
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cts.Token);
        return Process.ExitCode;
    }

    public void KillHard()
    {
        if (!Process.HasExited)
        {
            // SIGKILL: no finally blocks, no lock release, no temp-file cleanup.
            Process.Kill(entireProcessTree: false);
        }

        Process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            KillHard();
        }
        catch (InvalidOperationException)
        {
        }

        Process.Dispose();
    }
}
