using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaidServiceAndCash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CashHandOvers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    CollectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfirmedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CashHandOvers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CashHandOvers_People_ConfirmedById",
                        column: x => x.ConfirmedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CashHandOvers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CashHandOvers_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PaidServiceApprovals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequestedById = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedById = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaidServiceApprovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaidServiceApprovals_People_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaidServiceApprovals_People_RequestedById",
                        column: x => x.RequestedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaidServiceApprovals_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CashHandOvers_Confirmed_CollectedOn",
                table: "CashHandOvers",
                columns: new[] { "Confirmed", "CollectedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CashHandOvers_ConfirmedById",
                table: "CashHandOvers",
                column: "ConfirmedById");

            migrationBuilder.CreateIndex(
                name: "IX_CashHandOvers_PersonId",
                table: "CashHandOvers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CashHandOvers_TicketId",
                table: "CashHandOvers",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_PaidServiceApprovals_DecidedById",
                table: "PaidServiceApprovals",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_PaidServiceApprovals_RequestedById",
                table: "PaidServiceApprovals",
                column: "RequestedById");

            migrationBuilder.CreateIndex(
                name: "IX_PaidServiceApprovals_Status",
                table: "PaidServiceApprovals",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PaidServiceApprovals_TicketId",
                table: "PaidServiceApprovals",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CashHandOvers");

            migrationBuilder.DropTable(
                name: "PaidServiceApprovals");
        }
    }
}
