import JSON

/// The `data` and `stringData` of a core/v1 Secret document, read as the API server merges
/// them on write: a `stringData` key overrides the same `data` key.
///
/// kube-apiserver folds `stringData` into `data` when it converts the request into its
/// internal type, so a real AdmissionReview carries `data` only. Documents from other
/// sources (`seed-webhooks admit`, tests, a future apiserver) may still hold `stringData`;
/// for the keys a policy writes, the value goes to `data` and the `stringData` key is
/// dropped, so the stored result is the same as if the API server had merged first.
/// Keys a policy does not touch stay where they are.
struct SecretData {
    /// One value with the field path it came from (`data[kubeconfig]` or `stringData[kubeconfig]`).
    struct Entry: Equatable {
        var bytes: [UInt8]
        var path: FieldPath
    }

    private(set) var secret: JSONObject

    init(secret: JSONObject) { self.secret = secret }

    /// Whether `key` is present in `data` or `stringData`.
    func contains(_ key: String) -> Bool {
        members("stringData")?[key] != nil || members("data")?[key] != nil
    }

    /// The merged value of `key`; a field error when it is not decodable.
    func value(_ key: String) -> Result<Entry?, FieldError> {
        if let text = members("stringData")?[key] {
            let path = FieldPath("stringData").key(key)
            guard case .string(let string) = text else {
                return .failure(.invalid(path, .omitted, "must be a string"))
            }
            return .success(Entry(bytes: Array(string.utf8), path: path))
        }
        if let encoded = members("data")?[key] {
            let path = FieldPath("data").key(key)
            guard case .string(let string) = encoded else {
                return .failure(.invalid(path, .omitted, "must be a base64-encoded string"))
            }
            // Go's decoder, as kube-apiserver decodes `[]byte`; the value itself is never echoed.
            do {
                return .success(Entry(bytes: try Base64Codec.decodeLikeGo(string), path: path))
            } catch {
                return .failure(.invalid(path, .omitted, "must be a base64-encoded string: \(error)"))
            }
        }
        return .success(nil)
    }

    /// Stores `bytes` under `data[key]` and drops `stringData[key]`.
    mutating func set(_ key: String, to bytes: [UInt8]) {
        var data = members("data") ?? JSONObject()
        data[key] = .string(Base64Codec.encode(bytes))
        secret["data"] = .object(data)
        removeStringData(key)
    }

    /// Removes `key` from `data` and `stringData`.
    mutating func remove(_ key: String) {
        if var data = members("data"), data[key] != nil {
            data[key] = nil
            secret["data"] = .object(data)
        }
        removeStringData(key)
    }

    private mutating func removeStringData(_ key: String) {
        guard var stringData = members("stringData"), stringData[key] != nil else { return }
        stringData[key] = nil
        // An emptied stringData goes away entirely: the API server never stores it.
        secret["stringData"] = stringData.isEmpty ? nil : .object(stringData)
    }

    private func members(_ field: String) -> JSONObject? { secret[field]?.objectValue }
}
