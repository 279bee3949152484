namespace CredWatch.Exporter.Tests.Web.Security;

/// <summary>A scratch directory removed at dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "credwatch-web-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes via temp + rename, as config management tools do, so readers never see half a file.</summary>
    public string WriteAtomic(string name, string content)
    {
        var target = File(name);
        var temp = target + ".tmp-" + Guid.NewGuid().ToString("N")[..6];
        System.IO.File.WriteAllText(temp, content);
        System.IO.File.Move(temp, target, overwrite: true);
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file briefly; the OS temp cleaner takes it.
        }
    }
}
