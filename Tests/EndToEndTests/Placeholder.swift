import Testing

struct EndToEndTestsPlaceholder {
    @Test func targetBuilds() {}
}
