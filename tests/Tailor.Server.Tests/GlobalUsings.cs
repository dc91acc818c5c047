global using Xunit;
global using Tailor.Tests;
