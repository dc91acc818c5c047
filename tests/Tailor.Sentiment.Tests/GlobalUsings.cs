global using Tailor.Tests;
global using Xunit;
