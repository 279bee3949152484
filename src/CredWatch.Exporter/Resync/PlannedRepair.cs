namespace CredWatch.Exporter.Resync;

/// <summary>A candidate the rules allow, with the source tokens read just before writing.</summary>
internal sealed record PlannedRepair(ResyncCandidate Candidate, ResyncDecision Decision, ProfileTokenUpdate NewTokens);
