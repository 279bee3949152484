namespace CredWatch.State;

public enum StateFileStatus
{
    Missing,
    Ok,
    Corrupt,
    Unreadable,
}
