using System.Diagnostics;

namespace CredWatch.Exporter.Tests.Tasks;

/// <summary>
/// Another PROCESS writing the ledger: the real <c>sqlite3</c> CLI fed statements on stdin, so locks are
/// held by a different process exactly as the gateway would hold them.
/// </summary>
internal sealed class SqliteCliWriter : IDisposable
{
    private readonly Process _process;

    public SqliteCliWriter(string dbPath)
    {
        var psi = new ProcessStartInfo("sqlite3", [dbPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("sqlite3 did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Errors.Add(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Send(".timeout 5000");
    }

    public static bool Available => File.Exists("/usr/bin/sqlite3") || File.Exists("/usr/local/bin/sqlite3");

    public List<string> Errors { get; } = [];

    public void Send(string sql)
    {
        _process.StandardInput.WriteLine(sql);
        _process.StandardInput.Flush();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine(".quit");
                _process.StandardInput.Close();
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill();
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
