namespace CredWatch.Exporter.Resync;

/// <summary>Result of the pure decision rules: repair (with its proof) or a bounded refusal reason.</summary>
internal sealed record ResyncDecision(bool Repair, string? Reason, ResyncProof Proof, string Detail)
{
    public static ResyncDecision Refuse(string reason, string detail) => new(false, reason, ResyncProof.None, detail);
}
