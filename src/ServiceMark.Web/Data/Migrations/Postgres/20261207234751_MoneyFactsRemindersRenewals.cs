using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MoneyFactsRemindersRenewals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "Notifications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OverdueReminderId",
                table: "Notifications",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RenewsContractId",
                table: "MaintenanceContracts",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OverdueReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SubjectId = table.Column<int>(type: "integer", nullable: false),
                    RecipientPersonId = table.Column<int>(type: "integer", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    OverdueFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverdueReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OverdueReminders_People_RecipientPersonId",
                        column: x => x.RecipientPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_OverdueReminderId",
                table: "Notifications",
                column: "OverdueReminderId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceContracts_RenewsContractId",
                table: "MaintenanceContracts",
                column: "RenewsContractId",
                unique: true,
                filter: "\"RenewsContractId\" IS NOT NULL AND \"Status\" <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_ContractPayments_ReceivedOn",
                table: "ContractPayments",
                column: "ReceivedOn");

            migrationBuilder.CreateIndex(
                name: "IX_OverdueReminders_Kind_SubjectId_RecipientPersonId_Round",
                table: "OverdueReminders",
                columns: new[] { "Kind", "SubjectId", "RecipientPersonId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OverdueReminders_RecipientPersonId",
                table: "OverdueReminders",
                column: "RecipientPersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_OverdueReminders_OverdueReminderId",
                table: "Notifications",
                column: "OverdueReminderId",
                principalTable: "OverdueReminders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_OverdueReminders_OverdueReminderId",
                table: "Notifications");

            migrationBuilder.DropTable(
                name: "OverdueReminders");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_OverdueReminderId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_MaintenanceContracts_RenewsContractId",
                table: "MaintenanceContracts");

            migrationBuilder.DropIndex(
                name: "IX_ContractPayments_ReceivedOn",
                table: "ContractPayments");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "OverdueReminderId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "RenewsContractId",
                table: "MaintenanceContracts");
        }
    }
}
