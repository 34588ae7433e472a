/// Member names and values that Kubernetes request bodies repeat (SubjectAccessReview and
/// AdmissionReview fields, object metadata, verbs, groups, kinds). A parsed string that is one of
/// them reuses the literal below instead of allocating and validating a new String: literals are
/// immortal, so the copies cost no reference counting, even across threads.
enum JSONKnownStrings {
    static let strings: [String] = [
        ".", "allowed", "annotations", "apiGroup", "apiVersion", "app", "architecture", "architectures",
        "authentication.kubernetes.io/credential-id", "authentication.kubernetes.io/node-name",
        "authentication.kubernetes.io/node-uid", "authentication.kubernetes.io/pod-name",
        "authentication.kubernetes.io/pod-uid", "backup", "blockOwnerDeletion", "bucketName",
        "certificate-authority-data", "cidr", "classification", "cloudProfile", "cloudProfileName", "clusterIP",
        "clusterIPs", "conditions", "config", "controller", "cpu", "creationTimestamp", "credentialsBindingName",
        "credentialsRef", "cri", "data", "deletionGracePeriodSeconds", "deletionTimestamp", "description", "dns",
        "domain", "dryRun", "enabled", "expirationDate", "expirationTimestamp", "extra", "fieldManager",
        "fieldSelector", "fieldValidation", "fieldsType", "fieldsV1", "finalizers", "generateName", "generation",
        "gpu", "group", "groups", "hibernation", "image", "immutable", "internalTrafficPolicy", "ipFamilies",
        "ipFamilyPolicy", "items", "key", "kind", "kubeconfig", "kubernetes", "kubernetesVersion", "labelSelector",
        "labels", "lastOperation", "lastTransitionTime", "lastUpdateTime", "lifecycle", "loadBalancer", "machine",
        "machineImages", "machineTypes", "managedFields", "manager", "maximum", "memory", "message", "metadata",
        "minimum", "name", "namespace", "networking", "networks", "nodePort", "nodes", "nonResourceAttributes",
        "object", "observedGeneration", "oldObject", "operation", "operator", "options", "ownerReferences", "path",
        "phase", "pods", "port", "ports", "progress", "propagationPolicy", "protocol", "provider", "providerType",
        "purpose", "rawSelector", "reason", "region", "regions", "request", "requestKind", "requestResource",
        "requestSubResource", "requirements", "resource", "resourceAttributes", "resourceVersion", "resources",
        "secretBindingName", "secretRef", "seedName", "seedSelector", "selector", "services", "sessionAffinity",
        "spec", "startTime", "state", "status", "stringData", "subResource", "subresource", "targetPort", "time",
        "trafficDistribution", "type", "uid", "updateStrategy", "user", "userInfo", "username", "value", "values",
        "verb", "version", "versions", "workers", "zones", "annotations.kubernetes.io",
        "resources.gardener.cloud/purpose", "resources.gardener.cloud/class",
        "resources.gardener.cloud/topology-aware-routing",
        "serviceaccount.resources.gardener.cloud/inject-ca-bundle", "service.kubernetes.io/topology-mode",
        "endpoint-slice-hints.resources.gardener.cloud/consider", "kubernetes.io/metadata.name",
        "app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of", "gardener.cloud/role",
        "f:metadata", "f:spec", "f:status", "f:labels", "f:annotations", "f:kubernetes", "f:versions", "f:provider",
        "f:type", "f:ports", "f:port", "f:protocol", "f:targetPort", "f:selector", "f:sessionAffinity",
        "f:internalTrafficPolicy", "f:updated", "SubjectAccessReview", "authorization.k8s.io/v1",
        "authorization.k8s.io/v1beta1", "authorization.k8s.io", "AdmissionReview", "admission.k8s.io/v1",
        "admission.k8s.io/v1beta1", "core.gardener.cloud", "core.gardener.cloud/v1beta1", "core.gardener.cloud/v1",
        "v1", "v1beta1", "v1alpha1", "meta.k8s.io/v1", "apps/v1", "get", "list", "watch", "create", "update",
        "patch", "delete", "deletecollection", "proxy", "*", "CREATE", "UPDATE", "DELETE", "CONNECT",
        "system:authenticated", "system:unauthenticated", "system:masters", "system:serviceaccounts",
        "gardener.cloud:system:seeds", "gardener.cloud:system:seed", "shoots", "seeds", "projects", "cloudprofiles",
        "namespacedcloudprofiles", "secretbindings", "credentialsbindings", "backupbuckets", "backupentries",
        "bastions", "managedseeds", "controllerinstallations", "controllerregistrations", "controllerdeployments",
        "exposureclasses", "internalsecrets", "secrets", "configmaps", "namespaces", "leases", "events",
        "serviceaccounts", "clusterrolebindings", "certificatesigningrequests", "token", "Shoot", "Seed", "Project",
        "CloudProfile", "NamespacedCloudProfile", "Secret", "Service", "ConfigMap", "Namespace", "List", "FieldsV1",
        "Apply", "Update", "CreateOptions", "UpdateOptions", "DeleteOptions", "PatchOptions", "Strict", "Warn",
        "Ignore", "In", "NotIn", "Exists", "DoesNotExist", "TCP", "UDP", "ClusterIP", "NodePort", "LoadBalancer",
        "None", "Cluster", "Local", "PreferClose", "PreferSameZone", "auto", "true", "false", "preview", "supported",
        "deprecated", "expired", "Opaque", "kubernetes.io/service-account-token", "token-requestor", "gardenlet",
        "kubectl-create", "kubectl-client-side-apply", "kube-controller-manager", "kube-apiserver",
        "gardener-resource-manager", "garden", "spec.seedName", "spec.seedName!", "Background", "Foreground",
        "Orphan",
    ]

    /// Open addressing, load factor below 0.3: a lookup is one hash and usually one comparison.
    private static let slotCount = 1024
    private static let maxLength = 64

    /// The table as plain memory, so lookups touch no reference counts (the static is shared by
    /// every thread). @unchecked Sendable: written once in `init`, only read afterwards, never freed.
    private final class Table: @unchecked Sendable {
        let slots: UnsafeMutablePointer<Int16>
        let bytes: UnsafeMutablePointer<UInt8>
        /// Start of each entry in `bytes`, plus the end of the last one.
        let offsets: UnsafeMutablePointer<Int>

        init(_ strings: [String]) {
            slots = .allocate(capacity: JSONKnownStrings.slotCount)
            slots.initialize(repeating: -1, count: JSONKnownStrings.slotCount)
            let all = strings.flatMap { Array($0.utf8) }
            bytes = .allocate(capacity: max(1, all.count))
            bytes.initialize(from: all, count: all.count)
            offsets = .allocate(capacity: strings.count + 1)
            var offset = 0
            for (i, string) in strings.enumerated() {
                (offsets + i).initialize(to: offset)
                let length = string.utf8.count
                var slot = JSONKnownStrings.hash(bytes + offset, length) & (JSONKnownStrings.slotCount - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (JSONKnownStrings.slotCount - 1) }
                slots[slot] = Int16(i)
                offset += length
            }
            (offsets + strings.count).initialize(to: offset)
        }
    }

    private static let table = Table(strings)

    /// The known string with exactly these UTF-8 bytes, or nil.
    @inline(__always) static func lookup(_ p: UnsafePointer<UInt8>, _ count: Int) -> String? {
        guard count > 0, count <= maxLength else { return nil }
        let table = Self.table
        var slot = hash(p, count) & (slotCount - 1)
        while true {
            let entry = Int(table.slots[slot])
            if entry < 0 { return nil }
            let start = table.offsets[entry]
            if table.offsets[entry + 1] - start == count, equal(table.bytes + start, p, count) {
                return strings[entry]
            }
            slot = (slot + 1) & (slotCount - 1)
        }
    }

    @inline(__always) private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// Length and the first and last eight bytes (all bytes when shorter), multiplicatively mixed.
    @inline(__always) private static func hash(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var h = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if count >= 8 {
            let head = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            let tail = UnsafeRawPointer(p + count - 8).loadUnaligned(as: UInt64.self)
            h ^= head &* 0xFF51_AFD7_ED55_8CCD
            h ^= (tail ^ (tail >> 29)) &* 0xC4CE_B9FE_1A85_EC53
        } else {
            var v: UInt64 = 0
            for i in 0..<count { v |= UInt64(p[i]) << UInt64(i * 8) }
            h ^= v &* 0xFF51_AFD7_ED55_8CCD
        }
        h ^= h >> 32
        return Int(truncatingIfNeeded: h >> 7)
    }
}
