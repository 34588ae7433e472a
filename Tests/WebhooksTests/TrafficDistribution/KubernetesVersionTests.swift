import Testing
@testable import Webhooks

struct KubernetesVersionTests {
    @Test(arguments: [("1.34", 1, 34), ("v1.31.2", 1, 31), ("1.33.0-rc.1+abc", 1, 33), ("v1.30.14-gke.1000", 1, 30), ("2.0", 2, 0)])
    func readsReleaseAndGitVersions(text: String, major: Int, minor: Int) {
        #expect(KubernetesVersion(text) == KubernetesVersion(major: major, minor: minor))
    }

    @Test(arguments: ["", "1", "v", "1.", ".34", "1.x", "1.34.x", "one.two", "1.34.", "1.9999999", "-1.3", "1.34 "])
    func refusesWhatIsNotAVersion(text: String) {
        #expect(KubernetesVersion(text) == nil)
    }

    @Test func ordersByMajorThenMinor() {
        #expect(KubernetesVersion(major: 1, minor: 9) < KubernetesVersion(major: 1, minor: 31))
        #expect(KubernetesVersion(major: 1, minor: 99) < KubernetesVersion(major: 2, minor: 0))
        #expect(KubernetesVersion(major: 1, minor: 34).description == "1.34")
    }
}
