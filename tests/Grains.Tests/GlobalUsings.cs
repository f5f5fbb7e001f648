global using Interview.Grains.Sessions.Core;
