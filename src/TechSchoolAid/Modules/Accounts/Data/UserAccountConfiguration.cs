using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Accounts.Data;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> b)
    {
        b.ToTable("user_accounts");
        b.HasKey(u => u.Id);
        b.Property(u => u.UserName).HasMaxLength(64).IsRequired();
        b.HasIndex(u => u.UserName).IsUnique();
        b.Property(u => u.DisplayName).HasMaxLength(50).IsRequired();
        b.Property(u => u.ScopePath).HasMaxLength(100).IsRequired();
        b.HasIndex(u => u.ScopePath);
        b.Property(u => u.PasswordHash).HasMaxLength(200).IsRequired();
        b.Property(u => u.CreatedBy).HasMaxLength(64).IsRequired();
        b.Property(u => u.SecurityStamp).HasMaxLength(32).IsRequired();
        b.Property(u => u.RecoveryCodeHashes).HasMaxLength(1000);
        b.Ignore(u => u.HasTwoFactor);
        b.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
