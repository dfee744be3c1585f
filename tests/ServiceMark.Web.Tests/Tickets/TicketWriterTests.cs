using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>
/// The group-committing writer of ticket creations on SQLite (docs/decisions/0005-ticket-creation-path.md, decision 9):
/// creations queued while a batch is being written share the next commit; one refused creation rolls back alone; every
/// answer, a refusal included, comes after the commit. Driven deterministically: the first write of each test waits on a
/// gate, so the others queue behind it.
/// </summary>
public sealed class TicketWriterTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Creations_queued_during_a_batch_share_the_next_commit()
    {
        await using var db = await NewContextAsync();
        var writer = app.Services.GetRequiredService<TicketWriter>();
        await CreateTableAsync(db);
        var before = writer.Commits;

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = writer.WriteAsync(db, Blocked(gate, "writer_batch"), TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => Volatile.Read(ref firstStarted) == 1); // the first batch is open, its creation waiting
        var queued = Enumerable.Range(1, 5).Select(i => writer.WriteAsync(db, (w, ct) => InsertAsync(w, "writer_batch", i, ct), TestContext.Current.CancellationToken)).ToList();
        gate.SetResult();

        Assert.Equal(0, await first);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, await Task.WhenAll(queued));
        Assert.Equal(before + 2, writer.Commits); // the first alone, then the five together
        Assert.Equal(6, await CountAsync("writer_batch"));
    }

    [Fact]
    public async Task A_refused_creation_rolls_back_alone_and_hears_of_it_after_the_commit()
    {
        await using var db = await NewContextAsync();
        var writer = app.Services.GetRequiredService<TicketWriter>();
        await CreateTableAsync(db);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = writer.WriteAsync(db, Blocked(gate, "writer_refusal"), TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => Volatile.Read(ref firstStarted) == 1);
        var before = writer.Commits;
        var kept = writer.WriteAsync(db, (w, ct) => InsertAsync(w, "writer_refusal", 1, ct), TestContext.Current.CancellationToken);
        var refused = writer.WriteAsync<int>(db, async (w, ct) =>
        {
            await InsertAsync(w, "writer_refusal", 2, ct);
            w.JobLeases.Add(new Infrastructure.Jobs.JobLease { Name = "left-by-a-refused-creation", Holder = "test" }); // tracked, never saved
            throw new InvalidOperationException("refused after writing");
        }, TestContext.Current.CancellationToken);
        var alsoKept = writer.WriteAsync(db, async (w, ct) =>
        {
            await w.SaveChangesAsync(ct); // the batch's context: nothing the refused creation tracked may be saved here
            return await InsertAsync(w, "writer_refusal", 3, ct);
        }, TestContext.Current.CancellationToken);
        gate.SetResult();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Equal("refused after writing", failure.Message);

        // When the refusal is heard, its batch has committed: a retry sees what the others wrote.
        Assert.Equal(new[] { 0, 1, 3 }, await ValuesAsync("writer_refusal"));
        Assert.Equal(1, await kept);
        Assert.Equal(3, await alsoKept);
        await blocker;
        Assert.Equal(before + 2, writer.Commits);
        Assert.False(await app.WithDbAsync(d => d.JobLeases.AnyAsync(l => l.Name == "left-by-a-refused-creation")));
    }

    [Fact]
    public async Task A_creation_cancelled_while_queued_is_not_written()
    {
        await using var db = await NewContextAsync();
        var writer = app.Services.GetRequiredService<TicketWriter>();
        await CreateTableAsync(db);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = writer.WriteAsync(db, Blocked(gate, "writer_cancel"), TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => Volatile.Read(ref firstStarted) == 1);
        using var cancel = new CancellationTokenSource();
        var cancelled = writer.WriteAsync(db, (w, ct) => InsertAsync(w, "writer_cancel", 1, ct), cancel.Token);
        await cancel.CancelAsync();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await blocker;
        Assert.Equal(new[] { 0 }, await ValuesAsync("writer_cancel"));
    }

    private int firstStarted;

    private async Task<AppDbContext> NewContextAsync()
    {
        Volatile.Write(ref firstStarted, 0);
        return await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>One scratch table; each test writes its rows under its own name.</summary>
    private static Task CreateTableAsync(AppDbContext db) =>
        db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS writer_test (test TEXT NOT NULL, value INTEGER NOT NULL)", TestContext.Current.CancellationToken);

    /// <summary>A creation that holds its batch open until the gate opens, then inserts 0.</summary>
    private Func<AppDbContext, CancellationToken, Task<int>> Blocked(TaskCompletionSource gate, string table) => async (written, ct) =>
    {
        Volatile.Write(ref firstStarted, 1);
        await gate.Task;
        return await InsertAsync(written, table, 0, ct);
    };

    private static async Task<int> InsertAsync(AppDbContext written, string table, int value, CancellationToken ct)
    {
        await written.Database.ExecuteSqlAsync($"INSERT INTO writer_test (test, value) VALUES ({table}, {value})", ct);
        return value;
    }

    private Task<int> CountAsync(string table) =>
        app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM writer_test WHERE test = {table}").SingleAsync());

    private Task<int[]> ValuesAsync(string table) =>
        app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT value AS \"Value\" FROM writer_test WHERE test = {table} ORDER BY value").ToArrayAsync());

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "the writer did not start the first creation");
    }
}
