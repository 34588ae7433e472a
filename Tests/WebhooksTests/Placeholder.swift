import Testing

struct WebhooksTestsPlaceholder {
    @Test func targetBuilds() {}
}
