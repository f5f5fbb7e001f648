using Interview.Shared.Validation;

namespace Interview.Shared.Tests;

public class SessionIdsTests
{
    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("550E8400-E29B-41D4-A716-446655440000")]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    [InlineData("ffffffff-ffff-4fff-bfff-ffffffffffff")]
    public void Accepts_uuid_v4(string id) => Assert.True(SessionIds.IsUuidV4(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("550e8400-e29b-11d4-a716-446655440000")] // version 1
    [InlineData("550e8400-e29b-41d4-c716-446655440000")] // wrong variant
    [InlineData("550e8400e29b41d4a716446655440000")] // no dashes
    [InlineData("{550e8400-e29b-41d4-a716-446655440000}")]
    [InlineData("550e8400-e29b-41d4-a716-44665544000g")]
    [InlineData("550e8400-e29b-41d4-a716_446655440000")]
    [InlineData(" 550e8400-e29b-41d4-a716-44665544000")]
    public void Refuses_anything_else_as_a_session_id(string? id) => Assert.False(SessionIds.IsUuidV4(id));

    [Fact]
    public void User_ids_may_be_any_uuid_version()
    {
        Assert.True(SessionIds.IsUuid("550e8400-e29b-11d4-a716-446655440000"));
        Assert.False(SessionIds.IsUuid("user-123"));
    }

    [Fact]
    public void Session_ids_from_Guid_NewGuid_are_v4_and_unique() // what POST /api/sessions/create relies on
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid().ToString()).ToHashSet();
        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.True(SessionIds.IsUuidV4(id)));
    }

    [Fact]
    public void Normalize_lower_cases() =>
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", SessionIds.Normalize("550E8400-E29B-41D4-A716-446655440000"));
}
