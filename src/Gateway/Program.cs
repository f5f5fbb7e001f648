using Interview.Gateway.Hosting;

await GatewayApp.Build(args).RunAsync();
