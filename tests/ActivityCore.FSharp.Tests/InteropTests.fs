module ActivityCore.FSharp.Tests.InteropTests

open Xunit
open FsCheck.Xunit

[<Fact>]
let ``works`` () = Assert.True(true)

[<Property>]
let ``prop`` (x: int) = x + 0 = x
