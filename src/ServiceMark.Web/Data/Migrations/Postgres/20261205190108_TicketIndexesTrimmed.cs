using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketIndexesTrimmed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_ReportedAtUtc",
                table: "ServiceTickets");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Status_ReportedAtUtc_Id",
                table: "ServiceTickets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_ReportedAtUtc",
                table: "ServiceTickets",
                column: "ReportedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Status_ReportedAtUtc_Id",
                table: "ServiceTickets",
                columns: new[] { "Status", "ReportedAtUtc", "Id" });
        }
    }
}
