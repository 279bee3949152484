using System.Text;

namespace CredWatch.TestSupport;

/// <summary>
/// Lines of a child process's output as they arrive (Process.OutputDataReceived runs on pool threads, so reads and
/// writes are locked); a null line (end of stream) is ignored.
/// </summary>
public sealed class LineBuffer
{
    private readonly StringBuilder _text = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.Append(line).Append('\n');
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
