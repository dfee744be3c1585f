using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceMark.Web.Features.Tickets;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL only: the GIN index of each text field's first and last two characters, for two-character search terms
    /// (docs/decisions/0004, decision 8). The model does not change, so there is no target model of its own (the snapshot
    /// is the Parts migration's).
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261207040000_TicketSearchEdges")]
    public partial class TicketSearchEdges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(TicketSearchText.PostgresEdgesCreate());

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(TicketSearchText.PostgresEdgesDrop);
    }
}
