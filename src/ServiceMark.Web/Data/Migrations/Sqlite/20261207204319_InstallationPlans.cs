using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InstallationPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InstallationPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitIds = table.Column<string>(type: "TEXT", nullable: false),
                    PlannedStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedFinish = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResponsiblePersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    EngineerIds = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReleasedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ReleasedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstallationPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InstallationPlans_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InstallationPlans_People_ResponsiblePersonId",
                        column: x => x.ResponsiblePersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InstallationPlans_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InstallationPlans_CustomerId",
                table: "InstallationPlans",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_InstallationPlans_PlannedFinish",
                table: "InstallationPlans",
                column: "PlannedFinish");

            migrationBuilder.CreateIndex(
                name: "IX_InstallationPlans_ResponsiblePersonId_PlannedFinish",
                table: "InstallationPlans",
                columns: new[] { "ResponsiblePersonId", "PlannedFinish" });

            migrationBuilder.CreateIndex(
                name: "IX_InstallationPlans_TicketId",
                table: "InstallationPlans",
                column: "TicketId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstallationPlans");
        }
    }
}
