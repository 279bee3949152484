namespace CredWatch.State;

/// <summary>What <see cref="StateFile.Read"/> found.</summary>
public sealed record StateFileRead(StateFileStatus Status, byte[] Bytes, string? Reason)
{
    public static readonly StateFileRead Missing = new(StateFileStatus.Missing, [], null);

    public static StateFileRead Ok(byte[] bytes) => new(StateFileStatus.Ok, bytes, null);

    /// <summary>Read, but unusable: set it aside and start afresh.</summary>
    public static StateFileRead Corrupt(string reason) => new(StateFileStatus.Corrupt, [], reason);

    /// <summary>Could not be read (EACCES, EIO): keep it, and never overwrite it.</summary>
    public static StateFileRead Unreadable(string reason) => new(StateFileStatus.Unreadable, [], reason);
}
