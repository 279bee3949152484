namespace CredWatch.Exporter.Stores;

/// <summary>A file's bytes plus its modification time, as read once.</summary>
internal sealed record FileContent(byte[] Bytes, DateTimeOffset ModifiedAt);
