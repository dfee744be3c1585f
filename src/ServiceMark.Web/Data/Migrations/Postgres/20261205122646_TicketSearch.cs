using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Status_Id",
                table: "ServiceTickets",
                columns: new[] { "Status", "Id" });

            // The text index is outside the EF model (a virtual table / an expression index): its SQL lives beside the query that uses it.
            foreach (var sql in ServiceMark.Web.Features.Tickets.TicketSearchText.PostgresCreate())
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in ServiceMark.Web.Features.Tickets.TicketSearchText.PostgresDrop())
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Status_Id",
                table: "ServiceTickets");
        }
    }
}
