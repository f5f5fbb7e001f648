using Bunit;
using Interview.Client.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Client.Tests;

public class PageTests : BunitContext
{
    [Fact]
    public void Home_says_what_Interview_is()
    {
        var home = Render<Home>();

        Assert.Equal("Interview", home.Find("h1").TextContent);
        Assert.Contains("JavaScript and Python", home.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_page_names_a_valid_session()
    {
        var page = Render<Session>(p => p.Add(s => s.SessionId, "550e8400-e29b-41d4-a716-446655440000"));

        Assert.Equal("Session", page.Find("h1").TextContent);
        Assert.Contains("550e8400-e29b-41d4-a716-446655440000", page.Find("code").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-session")]
    [InlineData("550e8400-e29b-11d4-a716-446655440000")]
    public void Session_page_explains_a_malformed_link(string id)
    {
        var page = Render<Session>(p => p.Add(s => s.SessionId, id));

        Assert.Equal("This link is not valid", page.Find("h1").TextContent);
    }

    [Fact]
    public void Unknown_routes_get_a_not_found_page()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/no/such/page");

        var app = Render<App>();

        Assert.Equal("Page not found", app.Find("h1").TextContent);
    }
}
