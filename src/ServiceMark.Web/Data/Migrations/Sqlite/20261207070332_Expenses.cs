using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Expenses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExpenseClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    AdvanceIds = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedById = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PaidById = table.Column<int>(type: "INTEGER", nullable: true),
                    PaidAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpenseClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpenseClaims_People_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExpenseClaims_People_PaidById",
                        column: x => x.PaidById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExpenseClaims_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PerDiemAllowances",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RatePerDay = table.Column<long>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PerDiemAllowances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TravelAdvances",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TicketIds = table.Column<string>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedById = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PaidById = table.Column<int>(type: "INTEGER", nullable: true),
                    PaidAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SettledByClaimId = table.Column<int>(type: "INTEGER", nullable: true),
                    SettledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TravelAdvances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TravelAdvances_People_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TravelAdvances_People_PaidById",
                        column: x => x.PaidById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TravelAdvances_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExpenseClaimLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Receipts = table.Column<int>(type: "INTEGER", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RatePerDay = table.Column<long>(type: "INTEGER", nullable: true),
                    Allowance = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClaimId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpenseClaimLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpenseClaimLines_ExpenseClaims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "ExpenseClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExpenseClaimLines_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseClaimLines_Category_Date",
                table: "ExpenseClaimLines",
                columns: new[] { "Category", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseClaimLines_ClaimId",
                table: "ExpenseClaimLines",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseClaimLines_TicketId",
                table: "ExpenseClaimLines",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseClaims_DecidedById",
                table: "ExpenseClaims",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseClaims_PaidAtUtc",
                table: "ExpenseClaims",
                column: "PaidAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseClaims_PaidById",
                table: "ExpenseClaims",
                column: "PaidById");

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseClaims_PersonId_Status",
                table: "ExpenseClaims",
                columns: new[] { "PersonId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ExpenseClaims_Status_SubmittedAtUtc",
                table: "ExpenseClaims",
                columns: new[] { "Status", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PerDiemAllowances_Name",
                table: "PerDiemAllowances",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TravelAdvances_DecidedById",
                table: "TravelAdvances",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_TravelAdvances_PaidById",
                table: "TravelAdvances",
                column: "PaidById");

            migrationBuilder.CreateIndex(
                name: "IX_TravelAdvances_PersonId_Status",
                table: "TravelAdvances",
                columns: new[] { "PersonId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TravelAdvances_Status_PaidAtUtc",
                table: "TravelAdvances",
                columns: new[] { "Status", "PaidAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExpenseClaimLines");

            migrationBuilder.DropTable(
                name: "PerDiemAllowances");

            migrationBuilder.DropTable(
                name: "TravelAdvances");

            migrationBuilder.DropTable(
                name: "ExpenseClaims");
        }
    }
}
