using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketListByStatusIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Status",
                table: "ServiceTickets");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Status_ReportedAtUtc_Id",
                table: "ServiceTickets",
                columns: new[] { "Status", "ReportedAtUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Status_ReportedAtUtc_Id",
                table: "ServiceTickets");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Status",
                table: "ServiceTickets",
                column: "Status");
        }
    }
}
