import Testing

struct HTTPServerTestsPlaceholder {
    @Test func targetBuilds() {}
}
