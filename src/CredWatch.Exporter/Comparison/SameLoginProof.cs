namespace CredWatch.Exporter.Comparison;

/// <summary>
/// The evidence behind a comparison. <see cref="Conclusive"/> proofs (same token, fingerprint history)
/// establish the order of the two tokens; the others only say "same login" and the order comes from expiries.
/// Resync must refuse anything without a proof.
/// </summary>
/// <param name="Kind">The strongest evidence found.</param>
/// <param name="Detail">Human explanation, secret-free (no token, fingerprint or e-mail).</param>
internal sealed record SameLoginProof(ProofKind Kind, string Detail)
{
    public static SameLoginProof None(string detail) => new(ProofKind.None, detail);

    /// <summary>True when the proof establishes token order without relying on expiry times.</summary>
    public bool Conclusive => Kind is ProofKind.SameRefreshToken or ProofKind.RefreshTokenHistory;
}
