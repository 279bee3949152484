namespace CredWatch.State;

/// <summary>The bounded <c>reason</c> label of <c>credwatch_state_file_errors_total</c>.</summary>
public static class StateFileReasons
{
    public const string NoSpace = "no_space";
    public const string PermissionDenied = "permission_denied";
    public const string ReadOnlyFileSystem = "read_only_fs";
    public const string IoError = "io_error";
    public const string InvalidContent = "invalid_content";
    public const string TooLarge = "too_large";

    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int Erofs = 30;
    private const int Eacces = 13;
    private const int Eperm = 1;

    /// <summary>The reason for an IO failure (on Unix .NET carries the errno in HResult).</summary>
    public static string Of(Exception ex) => ex switch
    {
        UnauthorizedAccessException => PermissionDenied,
        IOException io when io.HResult is Enospc or Edquot || io.Message.Contains("No space left", StringComparison.Ordinal) => NoSpace,
        IOException io when io.HResult == Erofs => ReadOnlyFileSystem,
        IOException io when io.HResult is Eacces or Eperm => PermissionDenied,
        _ => IoError,
    };
}
