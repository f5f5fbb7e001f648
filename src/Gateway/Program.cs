using Interview.Gateway;

await GatewayApp.Build(args).RunAsync();
