import JSON
import KubeClient

/// Small Gardener objects for informer tests.
enum Fixtures {
    static let shoots = ResourceKind.gardenGraph.first { $0.resource == "shoots" }!
    static let seeds = ResourceKind.gardenGraph.first { $0.resource == "seeds" }!

    static func shoot(_ namespace: String, _ name: String, seed: String, generation: Int = 1) -> JSONValue {
        .object(JSONObject([
            "apiVersion": .string("core.gardener.cloud/v1beta1"),
            "kind": .string("Shoot"),
            "metadata": .object(JSONObject(["name": .string(name), "namespace": .string(namespace), "generation": .number(String(generation))])),
            "spec": .object(JSONObject(["seedName": .string(seed), "secretBindingName": .string("sb-" + name)])),
        ]))
    }

    static func seed(_ name: String) -> JSONValue {
        .object(JSONObject([
            "apiVersion": .string("core.gardener.cloud/v1beta1"),
            "kind": .string("Seed"),
            "metadata": .object(JSONObject(["name": .string(name)])),
            "spec": .object(JSONObject(["provider": .object(JSONObject(["type": .string("local")]))])),
        ]))
    }
}
