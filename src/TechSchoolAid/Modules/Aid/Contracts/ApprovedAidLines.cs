namespace TechSchoolAid.Modules.Aid.Contracts;

/// <summary>An approved aid line (审核通过的资助) as the duplicate checks read it.</summary>
public sealed record ApprovedAidLine(
    Guid EntryId, int SchoolId, string SchoolCode, string SchoolName, string ScopePath, string PersonKey, AidItem Item, int SchoolYear, Semester Semester,
    string StudentName, string IdNumberMasked);

/// <summary>An approved line found again elsewhere, with what the other side says (a school name, or "school|item" inside this system).</summary>
public sealed record ApprovedAidLineMatch(ApprovedAidLine Line, string? OtherSide);

/// <summary>One approved line of a term for the exchange file: the student's ID number still encrypted (the caller decrypts and audits).</summary>
public sealed record ApprovedAidExchangeLine(AidItem Item, string StudentName, string SchoolName, byte[] IdNumberCipher);

/// <summary>
/// What the cross-check (CHK-1/2) and the exchange may know of the approved grant and waiver lines, and the one thing they
/// may do to one: take it back ("本校撤销"). The reads run on the caller's context, inside its transaction; the caller has
/// already decided the actor may run them (they read every school's lines).
/// </summary>
public interface IApprovedAidLines
{
    /// <summary>
    /// The first 16 bytes of the person key (the blind index) of every approved line of a term, with its item, passed to
    /// <paramref name="add"/> one by one (millions for a national term). Synchronous: reader workers call it under a lock.
    /// </summary>
    void ReadKeyPrefixes(int schoolYear, Semester semester, Action<AidItem, UInt128> add);

    /// <summary>
    /// The approved lines whose person key, item and term meet a row of the temporary table <paramref name="stagingTable"/>
    /// (columns person_key, item, school_year, semester, school_name), once per line, with the smallest school name seen.
    /// </summary>
    Task<IReadOnlyList<ApprovedAidLineMatch>> MatchStagedAsync(string stagingTable, CancellationToken ct);

    /// <summary>
    /// The approved lines whose person has another approved line in the same term, at another school (any item) or for the
    /// same item; the other side as "school name|item number" (the smallest).
    /// </summary>
    Task<IReadOnlyList<ApprovedAidLineMatch>> DuplicatedAsync(CancellationToken ct);

    /// <summary>The approved lines of a term in the actor's scope whose student holds a resident ID card, by school code, item and name.</summary>
    IAsyncEnumerable<ApprovedAidExchangeLine> ExchangeLinesAsync(AidTerm term, CancellationToken ct);

    /// <summary>
    /// Takes an approved line of the actor's own school back (withdrawn, with the reason), audited as "aid.entry.revoked".
    /// Saved with the caller's next SaveChanges; refuses a line that is not approved (409).
    /// </summary>
    Task RevokeAsync(Guid entryId, string reason, CancellationToken ct);
}
