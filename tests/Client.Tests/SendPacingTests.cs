using Interview.Client.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Interview.Client.Tests;

public class SendPacingTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Sends_wait_once_the_budget_less_its_margin_is_spent_and_go_when_the_minute_has_passed()
    {
        var pacing = new SendPacing(messagesPerMinute: 10, operationsPerMinute: 20, _clock);
        for (var i = 0; i < 9; i++)
        {
            await pacing.BeforeMessageAsync(); // 10, less a tenth
        }

        var tenth = pacing.BeforeMessageAsync();
        Assert.False(tenth.IsCompleted);
        await pacing.BeforeOperationAsync(); // operations have their own budget

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(tenth.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await tenth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_budgets_come_from_the_settings_the_gateway_serves()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["limits:messagesPerMinute"] = "2",
            ["limits:operationsPerMinute"] = "nonsense",
        }).Build();
        var pacing = SendPacing.From(configuration, _clock);

        Assert.True(pacing.BeforeMessageAsync().IsCompleted);
        Assert.False(pacing.BeforeMessageAsync().IsCompleted); // 2, less its margin of one
        for (var i = 0; i < 1080; i++)
        {
            Assert.True(pacing.BeforeOperationAsync().IsCompleted); // the default 1200, less 120
        }

        Assert.False(pacing.BeforeOperationAsync().IsCompleted);
    }
}
