import Testing

struct AuthorizerTestsPlaceholder {
    @Test func targetBuilds() {}
}
