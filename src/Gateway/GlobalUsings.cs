global using Interview.Grains.Sessions;
global using Interview.Grains.Sessions.Core;
global using Interview.Shared.Contracts;
global using Interview.Shared.Validation;
global using Interview.Grains.Quotas;
