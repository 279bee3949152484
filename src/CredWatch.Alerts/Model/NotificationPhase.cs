namespace CredWatch.Alerts.Model;

internal enum NotificationPhase
{
    Firing = 0,
    Repeat = 1,
    Resolved = 2,
    Event = 3,
    Test = 4,
}
