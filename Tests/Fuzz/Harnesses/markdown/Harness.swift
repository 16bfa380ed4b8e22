import FuzzChecks

/// libFuzzer's entry point: the `markdown` check on one input (see `FuzzChecks`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzChecks.run("markdown", data, size)
}
