using Interview.Grains.Sessions;
using Interview.Shared.Contracts;
using Interview.Shared.Editing;
using Interview.Shared.Text;
using Interview.Tests.Common;

namespace Interview.Grains.Tests;

/// <summary>
/// Five OT clients against the real SessionGrain through an unreliable network: deliveries delayed,
/// reordered and duplicated, acknowledgements dropped and submissions re-sent. At the end every client's
/// text equals the grain's, and every character anyone typed is there exactly once.
/// </summary>
[Collection(ClusterCollection.Name)]
public class OtSimulationTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(11, false)]
    [InlineData(12, false)]
    [InlineData(13, true)]
    [InlineData(14, true)]
    public async Task Clients_converge_and_keep_every_edit_exactly_once(int seed, bool withDeletes)
    {
        var random = new Random(seed);
        var (grain, id) = await fixture.CreateSessionAsync();
        await using var gateway = await SessionListener.StartAsync(fixture, id);
        var clients = new List<SimulatedClient>();
        for (var i = 0; i < 5; i++)
        {
            var joined = (await grain.Join(gateway.Request($"conn-{i}", Guid.NewGuid().ToString(), $"User{i}", ot: true))).Joined!;
            clients.Add(new SimulatedClient($"conn-{i}", new OtClient($"tab-{i}", joined.Revision, joined.CurrentCode), joined.CurrentCode));
        }

        var initial = clients[0].Text;
        var typed = new List<char>();
        var nextChar = '\u4E00'; // each insert is one CJK character never typed before: lost or doubled shows
        var relayed = 0;
        for (var step = 0; step < 3000; step++)
        {
            relayed = Relay(gateway, clients, relayed);
            var client = clients[random.Next(clients.Count)];
            switch (random.Next(10))
            {
                case < 3:
                    var edit = RandomEdit(random, client.Text, withDeletes, nextChar);
                    if (edit.Insert.Length == 1)
                    {
                        typed.Add(nextChar++);
                    }

                    client.EditLocally(edit.ToOperation(client.Text.Length));
                    break;
                case < 6:
                    await client.SendOneAsync(grain, random);
                    break;
                case < 9:
                    client.DeliverOne(random);
                    client.DeliverOne(random);
                    break;
                default:
                    client.ResendIfAnswerLost(); // as after a reconnect: the pending operation again, same number
                    break;
            }
        }

        // Heal the network: lost answers are asked again, everything in flight arrives.
        for (var round = 0; round < 100 && !clients.All(c => c.Settled); round++)
        {
            foreach (var client in clients)
            {
                client.ResendIfAnswerLost();
                while (await client.SendOneAsync(grain, random: null))
                {
                }
            }

            var head = await HeadRevisionAsync(grain, gateway);
            await Eventually.HoldsAsync(() => gateway.Changes.Count >= head, "every change is relayed");
            relayed = Relay(gateway, clients, relayed);
            foreach (var client in clients)
            {
                client.DeliverAll();
            }
        }

        var final = (await grain.Join(gateway.Request("final", Guid.NewGuid().ToString(), "Final", ot: true))).Joined!.CurrentCode;
        Assert.True(clients[0].Ot.Revision > 150, $"only {clients[0].Ot.Revision} operations were sequenced");
        Assert.All(clients, c => Assert.Equal(OtClientState.Synchronized, c.Ot.State));
        Assert.All(clients, c => Assert.Equal(final, c.Text));
        Assert.All(clients, c => Assert.Equal(final, c.Ot.ServerText)); // synchronized: no pending edits, so the same
        if (!withDeletes)
        {
            Assert.Equal(initial.Length + typed.Count, final.Length);
            Assert.All(typed, ch => Assert.Equal(1, final.Count(c => c == ch)));
        }
    }

    private static async Task<long> HeadRevisionAsync(ISessionGrain grain, SessionListener gateway)
    {
        var peek = $"peek-{Guid.NewGuid():N}";
        var head = (await grain.Join(gateway.Request(peek, Guid.NewGuid().ToString(), "Peek", ot: true))).Joined!.Revision;
        await grain.Leave(peek);
        return head;
    }

    /// <summary>Moves the grain's broadcasts into every other client's inbox, each possibly twice.</summary>
    private static int Relay(SessionListener gateway, List<SimulatedClient> clients, int relayed)
    {
        var changes = gateway.Changes.ToArray();
        for (; relayed < changes.Length; relayed++)
        {
            var (change, except) = changes[relayed];
            foreach (var client in clients.Where(c => c.ConnectionId != except))
            {
                client.Inbox.Add(change.Update);
            }
        }

        return relayed;
    }

    private static TextEdit RandomEdit(Random random, string text, bool withDeletes, char insert)
    {
        var start = random.Next(text.Length + 1);
        if (withDeletes && random.Next(3) == 0 && start < text.Length)
        {
            return new TextEdit(start, Math.Min(random.Next(1, 4), text.Length - start), string.Empty);
        }

        return new TextEdit(start, 0, insert.ToString());
    }

    private sealed class SimulatedClient(string connectionId, OtClient ot, string text)
    {
        private readonly List<Submission> _outbox = [];
        private bool _answerLost;

        public string ConnectionId { get; } = connectionId;
        public OtClient Ot { get; } = ot;
        public string Text { get; private set; } = text;
        public List<object> Inbox { get; } = []; // OperationUpdate broadcasts and SubmitResult answers
        public bool Settled => Ot.State == OtClientState.Synchronized && _outbox.Count == 0 && Inbox.Count == 0;

        public void EditLocally(TextOperation operation)
        {
            Text = operation.Apply(Text);
            Queue(Ot.ApplyLocal(operation));
        }

        /// <summary>Sends one submission (a random one, maybe twice); the answer may be lost.</summary>
        public async Task<bool> SendOneAsync(ISessionGrain grain, Random? random)
        {
            if (_outbox.Count == 0)
            {
                return false;
            }

            var index = random?.Next(_outbox.Count) ?? 0;
            var submission = _outbox[index];
            if (random is null || random.Next(5) != 0)
            {
                _outbox.RemoveAt(index); // otherwise it is sent again later: a duplicate
            }

            var outcome = await grain.SubmitOperation(ConnectionId, submission);
            Assert.Null(outcome.Error);
            if (random is not null && random.Next(6) == 0)
            {
                _answerLost = true; // dropped on the way back
            }
            else
            {
                Inbox.Add(new SubmitResult(outcome.Revision!.Value));
            }

            return true;
        }

        public void ResendIfAnswerLost()
        {
            if (_answerLost || Ot.State != OtClientState.Synchronized)
            {
                Queue(Ot.Pending());
                _answerLost = false;
            }
        }

        /// <summary>Handles one message from the inbox, picked at random (reordering); sometimes it stays (duplication).</summary>
        public void DeliverOne(Random random)
        {
            if (Inbox.Count == 0)
            {
                return;
            }

            var index = random.Next(Inbox.Count);
            var message = Inbox[index];
            if (random.Next(5) != 0)
            {
                Inbox.RemoveAt(index);
            }

            Handle(message);
        }

        public void DeliverAll()
        {
            while (Inbox.Count > 0)
            {
                var message = Inbox[0];
                Inbox.RemoveAt(0);
                Handle(message);
            }
        }

        private void Handle(object message)
        {
            var step = message is SubmitResult answer ? Ot.Acknowledged(answer.Revision!.Value) : Ot.Received((OperationUpdate)message);
            foreach (var operation in step.ToApply)
            {
                Text = operation.Apply(Text);
            }

            Queue(step.ToSend);
        }

        private void Queue(Submission? submission)
        {
            if (submission is not null)
            {
                _outbox.Add(submission);
            }
        }
    }
}
