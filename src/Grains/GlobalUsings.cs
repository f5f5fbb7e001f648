global using Interview.Shared.Contracts;
global using Interview.Shared.Validation;
global using Orleans;
global using Orleans.Runtime;
global using Orleans.Concurrency;
global using Interview.Shared.Text;
