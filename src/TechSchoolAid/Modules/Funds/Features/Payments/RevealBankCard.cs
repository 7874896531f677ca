using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>The full number of a card, for the school's staff who may see personal data; every look is audited.</summary>
public sealed class RevealBankCard(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    public sealed record Revealed(Guid Id, string Number);

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/cards/{id:guid}/reveal", async (Guid id, RevealBankCard reveal, CancellationToken ct) =>
        {
            var result = await reveal.HandleAsync(id, ct);
            return TypedResults.Ok(result);
        }).RequireAccess(FundsAccess.View)
            // The card is looked up before the rule is demanded, so a card outside scope is 404 for every role.
            .WithSummary("查看完整卡号（记入审计）").Produces<Revealed>().ProducesProblem(403).ProducesProblem(404);

    public async Task<Revealed> HandleAsync(Guid id, CancellationToken ct)
    {
        var card = await db.Set<BankCard>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("银行卡");
        db.Actor.Demand(FundsAccess.RevealCard, card.ScopePath);
        db.Record(FundsAuditActions.CardRevealed, card.Id.ToString(), card.ScopePath, null, new { student = card.StudentId, number = card.NumberMasked }, clock);
        await db.SaveChangesAsync(ct);
        return new Revealed(card.Id, protector.Decrypt(card.NumberCipher));
    }
}
